// Synthesized pipelines really run on the real node (kubelet, containerd, runc): the script runs in
// the job's image, its log is what it printed, exit codes are real, after_script runs after a
// failure, and a service sidecar answers under its alias.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyPipeline,
  baselineNamespace,
  exitCodes,
  finished,
  jobLogs,
  NODE_IMAGES,
  outcome,
} from "./node-support.js";

let ns: { name: string; remove: () => Promise<void> };
beforeAll(async () => {
  ns = await baselineNamespace("run");
});
afterAll(async () => {
  await ns?.remove();
});

describe("a pipeline on the real node", () => {
  it("runs the scripts: logs are what they printed, exit codes are real, after_script runs", async () => {
    await applyPipeline(ns.name, "p", {
      default: { image: NODE_IMAGES.debian },
      jobs: {
        hello: {
          needs: [],
          script: ['echo "hello from $CI_JOB_NAME"', "git --version | cut -d' ' -f1,2"],
        },
        broken: {
          needs: [],
          script: ["echo before the failure", "exit 3", "echo never printed"],
          after_script: ["echo after_script ran"],
        },
      },
    });
    const [hello, broken] = await Promise.all([
      finished(ns.name, "p-hello"),
      finished(ns.name, "p-broken"),
    ]);
    expect(outcome(hello)).toMatchObject({ type: "Complete", succeeded: 1 });
    expect(await jobLogs(ns.name, "p-hello")).toEqual([
      [
        '$ echo "hello from $CI_JOB_NAME"',
        "hello from hello",
        "$ git --version | cut -d' ' -f1,2",
        "git version",
        "",
      ].join("\n"),
    ]);
    expect(outcome(broken)).toMatchObject({ type: "Failed", failed: 1 });
    expect(await exitCodes(ns.name, "p-broken")).toEqual([3]);
    expect(await jobLogs(ns.name, "p-broken")).toEqual([
      [
        "$ echo before the failure",
        "before the failure",
        "$ exit 3",
        "Running after_script",
        "$ echo after_script ran",
        "after_script ran",
        "ERROR: Job failed: exit code 3",
        "",
      ].join("\n"),
    ]);
  });
});
