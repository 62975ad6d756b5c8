// `synthObjects` (what `pipecraft apply` sends) is exactly what the written YAML holds: the same
// objects as a YAML parser (client-node's, which apply used before) reads back from `synth`.
import { loadAllYaml } from "@kubernetes/client-node";
import { type PipelineInput, type Target, validatePipeline } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { kaniko } from "../src/kaniko/kaniko.js";
import { kanikoTarget } from "../src/kaniko-pods.js";
import { kubernetesTarget } from "../src/synth-kubernetes.js";

const input: PipelineInput = {
  stages: ["build", "test", "deploy"],
  variables: { GREETING: "yes", ZIP: "0123", EMPTY: "", MULTI: "a\nb: c\n" },
  jobs: {
    "build-image": kaniko.build({ destinations: ["registry.local/app:1"] }),
    test: {
      stage: "test",
      image: "node:22",
      services: [{ name: "postgres:16", alias: "db" }],
      script: ['echo "$GREETING" # not a comment', "npm test -- --grep 'a: b'"],
      needs: ["build-image"],
      timeout: "1h 30m",
      retry: 2,
    },
    deploy: {
      stage: "deploy",
      image: "alpine:3.20",
      script: ["./deploy.sh"],
      rules: [{ if: '$CI_COMMIT_BRANCH == "main"', when: "manual" }],
    },
  },
};

const { pipeline } = validatePipeline({ kind: "pipecraft.pipeline", input, options: {} });
const request = { sourceFile: "pipeline.ts", packageName: "shop", values: {} };

describe.each([kubernetesTarget, kanikoTarget])(
  "--target $name: synthObjects",
  (target: Target) => {
    it("equals the objects parsed back from its YAML", () => {
      const synthesized = target.synth(pipeline!, request);
      expect(synthesized.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const text = synthesized.output ?? "";
      const objects = target.synthObjects?.(pipeline!, request).output;
      expect(objects?.length).toBeGreaterThan(0);
      const parsed = (loadAllYaml(text) as unknown[]).filter((object) => object !== null);
      expect(JSON.parse(JSON.stringify(objects))).toEqual(parsed);
    });
  },
);
