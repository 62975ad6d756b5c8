// Kaniko Pods (--target kaniko): only the image builds of a pipeline, as bare Pods.
import { type PipelineInput, validatePipeline } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { kaniko } from "../src/kaniko/kaniko.js";
import { toKanikoPods } from "../src/kaniko-pods.js";

describe("Kaniko Pods (--target kaniko)", () => {
  const input: PipelineInput = {
    jobs: {
      lint: { script: ["npm run lint"], environment: { name: "review" } },
      "build-image": {
        ...kaniko.build({ destinations: ["registry.local/app:1"] }),
        kubernetes: {
          ...kaniko.build({ destinations: ["registry.local/app:1"] }).kubernetes,
          annotations: { "example.com/team": "web" },
        },
      },
    },
  };
  const { pipeline } = validatePipeline({ kind: "pipecraft.pipeline", input, options: {} });

  it("keep pipecraft's annotations next to the user's", () => {
    const { output } = toKanikoPods(pipeline!, { name: "app" });
    expect(output?.map((pod) => pod.metadata?.annotations)).toEqual([
      {
        "example.com/team": "web",
        "pipecraft.dev/job-name": "build-image",
        "pipecraft.dev/stage": "test",
        "pipecraft.dev/stage-index": "2",
      },
    ]);
  });

  it("report only the builds' problems (lint has no image and an environment: not their concern)", () => {
    const { output, diagnostics } = toKanikoPods(pipeline!, { name: "app", strict: true });
    expect(diagnostics).toEqual([]);
    expect(output).toHaveLength(1);
  });
});
