// `pipecraft run`'s scheduling on the real control plane: each case runs a pipeline through the
// runtime (suspended Jobs released by the watch-driven scheduler; kwok plays the kubelet and
// fails the Pods its annotation names) and compares the order in which Jobs were released and
// finished, every job's final status and exit code, and the pipeline's status with GitLab's.
import { CoreV1Api } from "@kubernetes/client-node";
import type { PipelineInput } from "pipecraft";
import type { PipelineStatus } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig } from "./kubeconfig.js";
import { kwok, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
let ns: { name: string; remove: () => Promise<void> };
const volumes: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-schedule");
});
afterAll(async () => {
  await ns?.remove();
  const core = kc.makeApiClient(CoreV1Api);
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
});

type Case = {
  name: string;
  input: PipelineInput;
  play?: string[];
  started: string[];
  finished?: string[];
  /** job → status (`failed (allowed)` for an allowed failure), and `/code` for a failure's exit code. */
  statuses: Record<string, string>;
  pipeline: PipelineStatus;
};

const image = "busybox:1.36";
const job = (extra: Record<string, unknown> = {}) => ({ image, script: ["true"], ...extra });

const cases: Case[] = [
  {
    name: "stages run in order",
    input: {
      stages: ["build", "test", "deploy"],
      jobs: {
        build: job({ stage: "build" }),
        lint: job({ stage: "test" }),
        test: job({ stage: "test" }),
        deploy: job({ stage: "deploy" }),
      },
    },
    started: ["build", "lint", "test", "deploy"],
    statuses: { build: "success", lint: "success", test: "success", deploy: "success" },
    pipeline: "success",
  },
  {
    name: "needs: [] starts at once and finishes before the earlier stage",
    input: {
      stages: ["build", "deploy"],
      jobs: {
        build: job({ stage: "build", kubernetes: kwok({ seconds: 4 }) }),
        docs: job({ stage: "deploy", needs: [] }),
      },
    },
    started: ["build", "docs"],
    finished: ["docs", "build"],
    statuses: { build: "success", docs: "success" },
    pipeline: "success",
  },
  {
    name: "a needs chain: each job right after the one it needs, not after its stage",
    input: {
      stages: ["build", "test", "deploy"],
      jobs: {
        a: job({ stage: "build" }),
        slow: job({ stage: "build", kubernetes: kwok({ seconds: 8 }) }),
        b: job({ stage: "test", needs: ["a"] }),
        c: job({ stage: "deploy", needs: ["b"] }),
      },
    },
    started: ["a", "slow", "b", "c"],
    finished: ["a", "b", "c", "slow"],
    statuses: { a: "success", slow: "success", b: "success", c: "success" },
    pipeline: "success",
  },
  {
    name: "fan-in: a job needing two starts after the slower",
    input: {
      stages: ["build", "test"],
      jobs: {
        x: job({ stage: "build" }),
        y: job({ stage: "build", kubernetes: kwok({ seconds: 3 }) }),
        join: job({ stage: "test", needs: ["x", "y"] }),
      },
    },
    started: ["x", "y", "join"],
    finished: ["x", "y", "join"],
    statuses: { x: "success", y: "success", join: "success" },
    pipeline: "success",
  },
  {
    name: "a failure skips later stages; on_failure and always run",
    input: {
      stages: ["build", "test", "cleanup"],
      jobs: {
        build: job({ stage: "build", kubernetes: kwok({ exit: 1 }) }),
        test: job({ stage: "test" }),
        always: job({ stage: "cleanup", when: "always" }),
        notify: job({ stage: "cleanup", when: "on_failure" }),
      },
    },
    started: ["build", "always", "notify"],
    statuses: { build: "failed/1", test: "skipped", always: "success", notify: "success" },
    pipeline: "failed",
  },
  {
    name: "on_failure is skipped when nothing failed",
    input: {
      stages: ["build", "test"],
      jobs: { build: job({ stage: "build" }), notify: job({ stage: "test", when: "on_failure" }) },
    },
    started: ["build"],
    statuses: { build: "success", notify: "skipped" },
    pipeline: "success",
  },
  {
    name: "allow_failure: exit_codes allows only the listed code",
    input: {
      stages: ["test", "deploy"],
      jobs: {
        scan: job({
          stage: "test",
          allow_failure: { exit_codes: [3] },
          kubernetes: kwok({ exit: 3 }),
        }),
        lint: job({
          stage: "test",
          allow_failure: { exit_codes: [3] },
          kubernetes: kwok({ exit: 4 }),
        }),
        deploy: job({ stage: "deploy" }),
      },
    },
    started: ["scan", "lint"],
    statuses: { scan: "failed (allowed)/3", lint: "failed/4", deploy: "skipped" },
    pipeline: "failed",
  },
  {
    name: "allow_failure: true lets the pipeline pass",
    input: {
      stages: ["test", "deploy"],
      jobs: {
        flaky: job({ stage: "test", allow_failure: true, kubernetes: kwok({ exit: 2 }) }),
        deploy: job({ stage: "deploy" }),
      },
    },
    started: ["flaky", "deploy"],
    statuses: { flaky: "failed (allowed)/2", deploy: "success" },
    pipeline: "success",
  },
  {
    name: "a blocking manual job leaves the pipeline blocked",
    input: {
      stages: ["build", "approve", "deploy"],
      jobs: {
        build: job({ stage: "build" }),
        approve: job({ stage: "approve", when: "manual", allow_failure: false }),
        deploy: job({ stage: "deploy" }),
      },
    },
    started: ["build"],
    statuses: { build: "success", approve: "manual", deploy: "created" },
    pipeline: "blocked",
  },
  {
    name: "a non-blocking manual job waits without holding the pipeline",
    input: {
      stages: ["build", "review", "deploy"],
      jobs: {
        build: job({ stage: "build" }),
        review: job({ stage: "review", when: "manual" }),
        deploy: job({ stage: "deploy" }),
      },
    },
    started: ["build", "deploy"],
    statuses: { build: "success", review: "manual", deploy: "success" },
    pipeline: "success",
  },
  {
    name: "--manual plays a blocking manual job",
    input: {
      stages: ["build", "approve", "deploy"],
      jobs: {
        build: job({ stage: "build" }),
        approve: job({ stage: "approve", when: "manual", allow_failure: false }),
        deploy: job({ stage: "deploy" }),
      },
    },
    play: ["approve"],
    started: ["build", "approve", "deploy"],
    statuses: { build: "success", approve: "success", deploy: "success" },
    pipeline: "success",
  },
  {
    name: "needs: optional on a job the rules leave out",
    input: {
      stages: ["build", "test"],
      jobs: {
        build: job({ stage: "build" }),
        extra: job({ stage: "build", rules: [{ if: '$EXTRA == "yes"' }] }),
        test: job({ stage: "test", needs: ["build", { job: "extra", optional: true }] }),
      },
    },
    started: ["build", "test"],
    statuses: { build: "success", test: "success" },
    pipeline: "success",
  },
  {
    name: "matrix instances each count as a job; needs waits for every instance",
    input: {
      stages: ["test", "deploy"],
      jobs: {
        test: job({ stage: "test", parallel: { matrix: [{ OS: ["linux", "mac"] }] } }),
        deploy: job({ stage: "deploy", needs: ["test"] }),
      },
    },
    started: ["test: [linux]", "test: [mac]", "deploy"],
    statuses: { "test: [linux]": "success", "test: [mac]": "success", deploy: "success" },
    pipeline: "success",
  },
  {
    name: "a delayed job starts start_in after its stage may start",
    input: {
      stages: ["build", "rollout"],
      jobs: {
        build: job({ stage: "build" }),
        rollout: job({ stage: "rollout", when: "delayed", start_in: "2 seconds" }),
      },
    },
    started: ["build", "rollout"],
    statuses: { build: "success", rollout: "success" },
    pipeline: "success",
  },
];

describe.skipIf(testClusterKind() !== "local")("pipecraft run: scheduling on the cluster", () => {
  it.each(cases)("$name", async (c) => {
    const run = await runCase(kc, ns.name, c.input, {
      runId: uniqueRunId("s"),
      volumes,
      ...(c.play === undefined ? {} : { play: c.play }),
    });
    expect(run.started).toEqual(c.started);
    if (c.finished !== undefined) expect(run.finished).toEqual(c.finished);
    const statuses = Object.fromEntries(
      run.result.jobs.map((j) => [
        j.job,
        `${j.allowedFailure ? "failed (allowed)" : j.status}${j.status === "failed" ? `/${j.exitCode}` : ""}`,
      ]),
    );
    expect(statuses).toEqual(c.statuses);
    expect(run.result.status).toBe(c.pipeline);
  });

  it("a delayed job is released start_in after what it waits for has finished", async () => {
    const run = await runCase(
      kc,
      ns.name,
      {
        stages: ["build", "rollout"],
        jobs: {
          build: job({ stage: "build" }),
          rollout: job({ stage: "rollout", when: "delayed", start_in: "3 seconds" }),
        },
      },
      { runId: uniqueRunId("d"), volumes },
    );
    const at = (jobName: string, status: string) => {
      const event = run.events.find(
        (e) => e.type === "job" && e.job === jobName && e.status === status,
      );
      return Date.parse(event?.time ?? "");
    };
    expect(at("rollout", "scheduled")).toBeGreaterThanOrEqual(at("build", "success"));
    expect(at("rollout", "pending") - at("rollout", "scheduled")).toBeGreaterThanOrEqual(2_900);
  });
});
