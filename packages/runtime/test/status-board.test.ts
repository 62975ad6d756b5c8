import { describe, expect, it } from "vitest";
import type { RunPlan } from "../src/plan/run-plan.js";
import type { RunEvent } from "../src/report/run-event.js";
import { boardLines, emptyBoard, nextBoard } from "../src/report/status-board.js";

const plan: RunPlan = {
  pipeline: "shop",
  runId: "r1",
  namespace: "ci",
  play: [],
  jobs: [
    {
      name: "build",
      job: "build",
      objectName: "shop-r1-build",
      stage: "build",
      stageIndex: 0,
      when: "on_success",
      allowFailure: false,
    },
    {
      name: "lint",
      job: "lint",
      objectName: "shop-r1-lint",
      stage: "test",
      stageIndex: 1,
      when: "on_success",
      allowFailure: true,
    },
  ],
  notRun: [{ name: "downstream", stage: "test", reason: "trigger jobs are not run" }],
};

const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const job = (seconds: number, name: string, stage: string, status: string, extra = {}) =>
  ({ type: "job", time: at(seconds), job: name, stage, status, ...extra }) as RunEvent;

/** The frame drawn after each event, at that event's time plus `later` seconds. */
function frames(events: readonly RunEvent[], later = 0): string[][] {
  let board = emptyBoard(plan);
  return events.map((event) => {
    board = nextBoard(board, event);
    return boardLines(board, Date.parse(event.time) + later * 1000);
  });
}

describe("the live status board", () => {
  it("starts with every job created, and the jobs a run does not start", () => {
    expect(boardLines(emptyBoard(plan), T0)).toEqual([
      "[shop] run r1: 1/3 jobs finished",
      "JOB         STAGE  STATUS   DURATION",
      "build       build  created  -",
      "lint        test   created  -",
      "downstream  test   not_run  -",
    ]);
  });

  it("draws one frame per event: statuses change in place, a running job's time counts", () => {
    const drawn = frames(
      [
        job(0, "build", "build", "pending"),
        job(1, "build", "build", "running"),
        job(4, "build", "build", "success", { durationSeconds: 3 }),
        job(5, "lint", "test", "running"),
        job(7, "lint", "test", "failed", { allowedFailure: true, exitCode: 3 }),
        { type: "log", time: at(8), job: "lint", line: "x" },
        {
          type: "summary",
          time: at(9),
          runId: "r1",
          status: "success",
          jobs: [],
        },
      ],
      2,
    );
    expect(drawn.map((frame) => frame[0])).toEqual([
      "[shop] run r1: 1/3 jobs finished",
      "[shop] run r1: 1/3 jobs finished",
      "[shop] run r1: 2/3 jobs finished",
      "[shop] run r1: 2/3 jobs finished",
      "[shop] run r1: 3/3 jobs finished",
      "[shop] run r1: 3/3 jobs finished",
      "[shop] run r1: 3/3 jobs finished, pipeline success",
    ]);
    // Two seconds after each event: build pending since 0 → 2s; running since 0 → 3s (its start
    // is the first time it was seen pending); then the run's own duration.
    expect(drawn.map((frame) => frame[2])).toEqual([
      "build       build  pending  2s",
      "build       build  running  3s",
      "build       build  success  3s",
      "build       build  success  3s",
      // The STATUS column widens when a row needs it (each frame is drawn whole).
      "build       build  success           3s",
      "build       build  success           3s",
      "build       build  success           3s",
    ]);
    expect(drawn.map((frame) => frame[3])).toEqual([
      "lint        test   created  -",
      "lint        test   created  -",
      "lint        test   created  -",
      "lint        test   running  2s",
      "lint        test   failed (allowed)  2s",
      "lint        test   failed (allowed)  2s",
      "lint        test   failed (allowed)  2s",
    ]);
  });

  it("says a job waits for quota in its status, the quota's details last, until it runs", () => {
    const waiting =
      "waiting for quota: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1";
    const drawn = frames([
      job(0, "build", "build", "pending"),
      job(1, "build", "build", "pending", { reason: waiting }),
      job(5, "build", "build", "running"),
    ]);
    expect(drawn[1]?.slice(1, 3)).toEqual([
      "JOB         STAGE  STATUS                       DURATION",
      "build       build  pending (waiting for quota)  1s        exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1",
    ]);
    expect(drawn[2]?.slice(1, 3)).toEqual([
      "JOB         STAGE  STATUS   DURATION",
      "build       build  running  5s",
    ]);
  });

  it("shows no wait for a reason that comes with the end (a refused job's failure)", () => {
    const drawn = frames([
      job(0, "build", "build", "pending", { reason: "waiting for quota: exceeded quota: q" }),
      job(1, "build", "build", "failed", { reason: "pods refused: exceeded quota: q" }),
    ]);
    expect(drawn[1]?.[2]).toBe("build       build  failed   1s");
  });

  it("a job the plan does not know (an attached run's extra) gets a row", () => {
    const board = nextBoard(emptyBoard(plan), job(0, "extra", "test", "running"));
    expect(boardLines(board, T0).at(-1)).toBe("extra       test   running  0s");
  });
});
