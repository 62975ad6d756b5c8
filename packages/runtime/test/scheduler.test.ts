// The scheduling decisions, table-driven, without a cluster: a simulated run releases jobs as
// the scheduler says and finishes them one at a time (in release order) with the exit code the
// case gives, then compares the start order and the final statuses with GitLab's.
import { describe, expect, it } from "vitest";
import type { AllowFailure, PlannedJob, PlannedWhen, RunPlan } from "../src/plan/run-plan.js";
import { failureAllowed } from "../src/schedule/allow-failure.js";
import type { JobState } from "../src/schedule/job-state.js";
import {
  initialStates,
  nextDue,
  type PipelineStatus,
  pipelineStatus,
  schedule,
} from "../src/schedule/scheduler.js";

type JobSpec = {
  stage?: number;
  needs?: string[];
  when?: PlannedWhen;
  allowFailure?: AllowFailure;
  startIn?: number;
  /** Exit code the job ends with (default 0). */
  exit?: number;
};

function plan(jobs: Record<string, JobSpec>, play: string[] = []): RunPlan {
  return {
    pipeline: "p",
    runId: "r",
    namespace: "ns",
    notRun: [],
    play,
    jobs: Object.entries(jobs).map(
      ([name, spec]): PlannedJob => ({
        name,
        job: name,
        objectName: `p-r-${name}`,
        stage: String(spec.stage ?? 0),
        stageIndex: spec.stage ?? 0,
        when: spec.when ?? "on_success",
        allowFailure: spec.allowFailure ?? false,
        ...(spec.needs === undefined ? {} : { needs: spec.needs }),
        ...(spec.startIn === undefined ? {} : { startInSeconds: spec.startIn }),
      }),
    ),
  };
}

/** Runs the plan to the end: returns the start order, every final status, the pipeline's. */
function simulate(jobs: Record<string, JobSpec>, play: string[] = []) {
  const p = plan(jobs, play);
  let states: Map<string, JobState> = initialStates(p);
  let now = 0;
  const started: string[] = [];
  const running: string[] = [];
  for (let step = 0; step < 100; step++) {
    const next = schedule(p, states, now);
    states = next.states;
    for (const action of next.actions) {
      if (action.type === "release") {
        started.push(action.job);
        running.push(action.job);
      }
    }
    const job = running.shift();
    if (job === undefined) {
      const due = nextDue(states);
      if (due === undefined) break;
      now = due;
      continue;
    }
    const spec = jobs[job] ?? {};
    const exit = spec.exit ?? 0;
    const allowed = exit !== 0 && failureAllowed(spec.allowFailure ?? false, exit);
    states.set(job, {
      status: exit === 0 ? "success" : "failed",
      exitCode: exit,
      ...(allowed ? { allowedFailure: true } : {}),
    });
  }
  const statuses = Object.fromEntries(
    [...states].map(([name, state]) => [
      name,
      state.allowedFailure ? "failed (allowed)" : state.status,
    ]),
  );
  return { started, statuses, pipeline: pipelineStatus(p, states) };
}

type Case = {
  name: string;
  jobs: Record<string, JobSpec>;
  play?: string[];
  started: string[];
  statuses: Record<string, string>;
  pipeline: PipelineStatus;
};

const cases: Case[] = [
  {
    name: "stages run in order; a stage's jobs start together",
    jobs: { build: { stage: 0 }, lint: { stage: 1 }, test: { stage: 1 }, deploy: { stage: 2 } },
    started: ["build", "lint", "test", "deploy"],
    statuses: { build: "success", lint: "success", test: "success", deploy: "success" },
    pipeline: "success",
  },
  {
    name: "needs: [] starts at once, whatever its stage",
    jobs: { build: { stage: 0 }, docs: { stage: 2, needs: [] } },
    started: ["build", "docs"],
    statuses: { build: "success", docs: "success" },
    pipeline: "success",
  },
  {
    name: "a chain of needs starts each job after the one it needs, not after the stage",
    jobs: {
      a: { stage: 0 },
      slow: { stage: 0 },
      b: { stage: 1, needs: ["a"] },
      c: { stage: 2, needs: ["b"] },
    },
    // a finishes first: b starts before slow has finished.
    started: ["a", "slow", "b", "c"],
    statuses: { a: "success", slow: "success", b: "success", c: "success" },
    pipeline: "success",
  },
  {
    name: "fan-in: a job needing two waits for both",
    jobs: { x: {}, y: {}, join: { stage: 1, needs: ["x", "y"] } },
    started: ["x", "y", "join"],
    statuses: { x: "success", y: "success", join: "success" },
    pipeline: "success",
  },
  {
    name: "after a failure later stages are skipped, on_failure and always run",
    jobs: {
      build: { exit: 1 },
      test: { stage: 1 },
      cleanup: { stage: 2, when: "always" },
      notify: { stage: 2, when: "on_failure" },
    },
    started: ["build", "cleanup", "notify"],
    statuses: { build: "failed", test: "skipped", cleanup: "success", notify: "success" },
    pipeline: "failed",
  },
  {
    name: "on_failure is skipped when nothing failed",
    jobs: { build: {}, notify: { stage: 1, when: "on_failure" }, deploy: { stage: 2 } },
    started: ["build", "deploy"],
    statuses: { build: "success", notify: "skipped", deploy: "success" },
    pipeline: "success",
  },
  {
    name: "a needs chain after a failure: every job after it is skipped",
    jobs: { a: { exit: 2 }, b: { needs: ["a"], stage: 1 }, c: { needs: ["b"], stage: 2 } },
    started: ["a"],
    statuses: { a: "failed", b: "skipped", c: "skipped" },
    pipeline: "failed",
  },
  {
    name: "allow_failure: true lets the pipeline pass and later jobs run",
    jobs: { flaky: { exit: 1, allowFailure: true }, deploy: { stage: 1 } },
    started: ["flaky", "deploy"],
    statuses: { flaky: "failed (allowed)", deploy: "success" },
    pipeline: "success",
  },
  {
    name: "allow_failure: exit_codes allows only the listed codes",
    jobs: {
      scan: { exit: 3, allowFailure: { exit_codes: [3, 4] } },
      lint: { exit: 1, allowFailure: { exit_codes: 3 } },
      deploy: { stage: 1 },
    },
    started: ["scan", "lint"],
    statuses: { scan: "failed (allowed)", lint: "failed", deploy: "skipped" },
    pipeline: "failed",
  },
  {
    name: "a non-blocking manual job waits and does not hold the pipeline",
    jobs: {
      build: {},
      review: { stage: 1, when: "manual", allowFailure: true },
      test: { stage: 2 },
    },
    started: ["build", "test"],
    statuses: { build: "success", review: "manual", test: "success" },
    pipeline: "success",
  },
  {
    name: "a blocking manual job holds the later stages: the pipeline is blocked",
    jobs: { build: {}, approve: { stage: 1, when: "manual" }, deploy: { stage: 2 } },
    started: ["build"],
    statuses: { build: "success", approve: "manual", deploy: "created" },
    pipeline: "blocked",
  },
  {
    name: "--manual plays a manual job once what it waits for has finished",
    jobs: { build: {}, approve: { stage: 1, when: "manual" }, deploy: { stage: 2 } },
    play: ["approve"],
    started: ["build", "approve", "deploy"],
    statuses: { build: "success", approve: "success", deploy: "success" },
    pipeline: "success",
  },
  {
    name: "a job needing a non-blocking manual job that was not played runs anyway",
    jobs: {
      review: { when: "manual", allowFailure: true },
      after: { stage: 1, needs: ["review"] },
    },
    started: ["after"],
    statuses: { review: "manual", after: "success" },
    pipeline: "success",
  },
  {
    name: "delayed jobs start start_in after what they wait for",
    jobs: { build: {}, rollout: { stage: 1, when: "delayed", startIn: 30 } },
    started: ["build", "rollout"],
    statuses: { build: "success", rollout: "success" },
    pipeline: "success",
  },
  {
    name: "matrix instances each count as a job (needs names every instance)",
    jobs: {
      "test: [a]": { exit: 0 },
      "test: [b]": { exit: 5 },
      report: { stage: 1, needs: ["test: [a]", "test: [b]"], when: "always" },
      deploy: { stage: 1, needs: ["test: [a]"] },
    },
    started: ["test: [a]", "test: [b]", "deploy", "report"],
    statuses: {
      "test: [a]": "success",
      "test: [b]": "failed",
      deploy: "success",
      report: "success",
    },
    pipeline: "failed",
  },
  {
    name: "a skipped job in an earlier stage does not stop the next (stage order)",
    jobs: { build: {}, notify: { stage: 1, when: "on_failure" }, deploy: { stage: 2 } },
    started: ["build", "deploy"],
    statuses: { build: "success", notify: "skipped", deploy: "success" },
    pipeline: "success",
  },
  {
    name: "a skipped job it needs skips a job (needs order, as GitLab's DAG does)",
    jobs: {
      build: {},
      notify: { stage: 1, when: "on_failure" },
      after: { stage: 2, needs: ["notify"] },
    },
    started: ["build"],
    statuses: { build: "success", notify: "skipped", after: "skipped" },
    pipeline: "success",
  },
];

describe("schedule: GitLab's order on a simulated run", () => {
  it.each(cases)("$name", (c) => {
    const result = simulate(c.jobs, c.play);
    expect(result.started).toEqual(c.started);
    expect(result.statuses).toEqual(c.statuses);
    expect(result.pipeline).toBe(c.pipeline);
  });
});

describe("schedule: single decisions", () => {
  it("releases nothing twice and explains a skip", () => {
    const p = plan({ build: { exit: 1 }, test: { stage: 1 } });
    const first = schedule(p, initialStates(p), 0);
    expect(first.actions).toEqual([{ type: "release", job: "build" }]);
    expect(schedule(p, first.states, 0).actions).toEqual([]);
    const failed = new Map(first.states).set("build", { status: "failed", exitCode: 1 });
    expect(schedule(p, failed, 0).actions).toEqual([
      { type: "skip", job: "test", reason: "an earlier stage failed" },
    ]);
  });

  it("a delayed job is scheduled, then released once due", () => {
    const p = plan({ later: { when: "delayed", startIn: 10 } });
    const first = schedule(p, initialStates(p), 1_000);
    expect(first.actions).toEqual([{ type: "delay", job: "later", dueAt: 11_000 }]);
    expect(nextDue(first.states)).toBe(11_000);
    expect(schedule(p, first.states, 10_999).actions).toEqual([]);
    expect(schedule(p, first.states, 11_000).actions).toEqual([{ type: "release", job: "later" }]);
  });

  it("the pipeline is running while a job is pending, running or delayed; canceled wins", () => {
    const p = plan({ a: {} });
    for (const status of ["pending", "running", "scheduled"] as const) {
      expect(pipelineStatus(p, new Map([["a", { status }]]))).toBe("running");
    }
    expect(pipelineStatus(p, new Map([["a", { status: "success" }]]), true)).toBe("canceled");
  });

  it("failureAllowed: true, false, one code, a list, an unknown code", () => {
    expect(failureAllowed(true, 1)).toBe(true);
    expect(failureAllowed(false, 1)).toBe(false);
    expect(failureAllowed({ exit_codes: 3 }, 3)).toBe(true);
    expect(failureAllowed({ exit_codes: [3, 4] }, 5)).toBe(false);
    expect(failureAllowed({ exit_codes: [3] }, undefined)).toBe(false);
  });
});
