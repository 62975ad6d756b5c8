// `pipecraft run`'s runtime on the real node, with a pipeline adapted from examples/node-app to the
// local images: a dotenv report reaches the later job's environment and a file under
// artifacts:paths is there for it, through the workspace claim the cluster's provisioner binds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PipelineInput, validatePipeline } from "pipecraft";
import { planRun, runPipeline } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baselineNamespace, jobLogs, kc, NODE_IMAGES } from "./node-support.js";

let ns: { name: string; remove: () => Promise<void> };
const logDirectory = mkdtempSync(join(tmpdir(), "pipecraft-node-logs-"));
beforeAll(async () => {
  ns = await baselineNamespace("runtime");
});
afterAll(async () => {
  await ns?.remove();
  rmSync(logDirectory, { recursive: true, force: true });
});

// examples/node-app's `version` job and a job that needs it, on the local Debian image.
const nodeApp: PipelineInput = {
  stages: ["prepare", "test"],
  default: { image: NODE_IMAGES.debian },
  jobs: {
    version: {
      stage: "prepare",
      needs: [],
      script: [
        'APP_VERSION="0.0.0-$CI_JOB_STAGE"',
        'echo "APP_VERSION=$APP_VERSION" > build.env',
        'mkdir -p dist && echo "built $APP_VERSION" > dist/app.txt',
      ],
      artifacts: { paths: ["dist/"], reports: { dotenv: "build.env" } },
    },
    test: {
      stage: "test",
      needs: ["version"],
      script: ['echo "testing $APP_VERSION"', "cat dist/app.txt"],
    },
  },
};

describe("pipecraft run on the real node", () => {
  it("passes a dotenv report and an artifact from one job to the next", async () => {
    const { pipeline, diagnostics } = validatePipeline({
      kind: "pipecraft.pipeline",
      input: nodeApp,
      options: {},
    });
    if (pipeline === undefined) throw new Error(JSON.stringify(diagnostics));
    const planned = planRun(pipeline, {
      name: "app",
      namespace: ns.name,
      runId: "r1",
      play: [],
      variables: {},
    });
    if (planned.plan === undefined || planned.objects === undefined) {
      throw new Error(planned.problems.join("\n"));
    }
    const result = await runPipeline({
      kubeConfig: kc,
      plan: planned.plan,
      objects: planned.objects,
      onEvent: () => {},
      logDirectory,
    });
    expect(result.status).toBe("success");
    const test = planned.plan.jobs.find((job) => job.name === "test")!;
    expect(await jobLogs(ns.name, test.objectName)).toEqual([
      [
        '$ echo "testing $APP_VERSION"',
        "testing 0.0.0-prepare",
        "$ cat dist/app.txt",
        "built 0.0.0-prepare",
        "",
      ].join("\n"),
    ]);
  });
});
