// Rules found by reviewing the generated manifests: what GitLab expands itself, needs on one
// matrix combination, the kubelet's own $(VAR) expansion, Kaniko Pods, pipeline-level keywords.
import { spawnSync } from "node:child_process";
import { type PipelineInput, validatePipeline } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { kaniko } from "../src/kaniko/kaniko.js";
import { toKanikoPods } from "../src/kaniko-pods.js";
import { jobCommand } from "../src/script-command.js";
import { jobNamed, mainContainer, manifestsOf } from "./synth-helpers.js";

const job = { image: "alpine", script: ["true"] };

// What the kubelet does to command, args and env values (Kubernetes' documented expansion):
// `$$` → `$`, `$(NAME)` → the value of an env entry defined before, anything else as written.
function kubeletExpand(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([^)]*)\)/g, (token, name: string | undefined) =>
    token === "$$" ? "$" : name !== undefined && Object.hasOwn(env, name) ? env[name]! : token,
  );
}

describe("what GitLab expands itself", () => {
  it("matrix and job variables in image and service names", () => {
    const manifests = manifestsOf({
      variables: { PG: "16" },
      jobs: {
        test: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and GitLab variable syntax
          image: "node:${NODE}-alpine",
          services: ["postgres:$PG", { name: "$CACHE_IMAGE", alias: "cache" }],
          script: ["npm test"],
          parallel: { matrix: [{ NODE: ["20", "22"], CACHE_IMAGE: "redis:7" }] },
        },
      },
    });
    const pod = jobNamed(manifests, "app-test-22-redis-7").spec?.template.spec;
    expect(pod?.containers[0]?.image).toBe("node:22-alpine");
    expect(pod?.initContainers?.map((c) => c.image)).toEqual(["postgres:16", "redis:7"]);
  });
});

describe("needs on one matrix combination", () => {
  it("waits only for the combinations it lists, whatever the variables' order", () => {
    const manifests = manifestsOf({
      jobs: {
        test: { ...job, parallel: { matrix: [{ NODE: ["20", "22"], DB: ["pg", "mysql"] }] } },
        report: {
          ...job,
          needs: [{ job: "test", parallel: { matrix: [{ DB: "pg", NODE: "22" }] } }],
        },
      },
    });
    expect(jobNamed(manifests, "app-report").metadata?.annotations?.["pipecraft.dev/needs"]).toBe(
      '["app-test-22-pg"]',
    );
  });
});

describe("the kubelet's $(VAR) expansion in command", () => {
  it("script text reaches the shell as written: $$ and $(…) are escaped", () => {
    const script = ['echo "pid $$ at $(date +%Y) in $(CI_PROJECT_DIR)"', "echo '$$$'"];
    const container = mainContainer(
      jobNamed(manifestsOf({ jobs: { build: { image: "alpine", script } } }), "app-build"),
    );
    const env = Object.fromEntries((container.env ?? []).map((v) => [v.name, v.value ?? ""]));
    const command = (container.command ?? []).map((part) => kubeletExpand(part, env));
    expect(command.slice(5)).toEqual(script);
    // …and the expanded command still runs under /bin/sh.
    const result = spawnSync(command[0]!, command.slice(1), { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("$ echo '$$$'\n$$$\n");
  });

  it("the runner program itself needs no escaping: it reads in the manifest as it runs", () => {
    const container = mainContainer(jobNamed(manifestsOf({ jobs: { build: job } }), "app-build"));
    expect(container.command?.[2]).toBe(
      jobCommand({ beforeScript: [], script: [], afterScript: [] })[2],
    );
    expect(container.command?.[2]).not.toContain("$(");
  });

  it("kubeletExpand is a faithful stand-in: an unescaped $(NAME) would be replaced", () => {
    expect(kubeletExpand("a $(X) $$(X) $(Y)", { X: "1" })).toBe("a 1 $(X) $(Y)");
  });
});

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

describe("pipeline-level keywords and Kubernetes values", () => {
  it("workflow and include are skipped with a warning", () => {
    const { diagnostics } = manifestsOf({
      workflow: { rules: [{ if: "$CI_COMMIT_BRANCH" }] },
      include: [{ local: "ci/extra.yml" }],
      jobs: { build: job },
    });
    expect(diagnostics.map((d) => `${d.severity} ${d.path}: ${d.message}`)).toEqual([
      "warning workflow: skipped on Kubernetes: not evaluated: the pipeline always runs",
      "warning include: skipped on Kubernetes: included files are not read; write their jobs in pipeline.ts",
    ]);
  });

  it("a resource quantity Kubernetes would refuse is a validation error at its place", () => {
    const { diagnostics } = validatePipeline({
      kind: "pipecraft.pipeline",
      options: {},
      input: {
        jobs: {
          build: {
            ...job,
            kubernetes: { resources: { requests: { cpu: "lots", memory: "2Gi" } } },
          },
        },
      },
    });
    expect(diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'jobs.build.kubernetes.resources.requests.cpu: expected a quantity such as "500m", "2", "1.5" or "4Gi"',
    ]);
  });
});
