// The live table of a run on a terminal, as data: one row per job with its status and how long
// it has been running, and the N/M line. `nextBoard` folds an event in; `boardLines` draws the
// board at a given time. Pure: the CLI owns the terminal and redraws the lines in place.
import type { RunPlan } from "../plan/run-plan.js";
import { isFinal } from "../schedule/job-state.js";
import type { ReportedStatus, RunEvent } from "./run-event.js";
import { textTable } from "./text-report.js";

/** One job's row. Times are milliseconds since the epoch, from the events' `time`. */
export type BoardRow = {
  readonly job: string;
  readonly stage: string;
  readonly status: ReportedStatus;
  readonly allowedFailure?: boolean;
  /** When it was seen pending or running first. */
  readonly startedAt?: number;
  /** When it was seen finished. */
  readonly endedAt?: number;
  /** The run's own figure for a finished job (from the Job's start and completion times). */
  readonly durationSeconds?: number;
  /** What a job that has not ended waits for (`waiting for quota: exceeded quota: …`). */
  readonly waiting?: string;
};

/** The whole board: the run and its rows, in plan order. */
export type StatusBoard = {
  readonly pipeline: string;
  readonly runId: string;
  readonly rows: readonly BoardRow[];
  /** The pipeline's status once the summary came. */
  readonly status?: string;
};

/** Every job of the plan, `created` (and the jobs the run does not start, `not_run`). */
export function emptyBoard(plan: RunPlan): StatusBoard {
  return {
    pipeline: plan.pipeline,
    runId: plan.runId,
    rows: [
      ...plan.jobs.map((job): BoardRow => ({ job: job.name, stage: job.stage, status: "created" })),
      ...plan.notRun.map(
        (job): BoardRow => ({ job: job.name, stage: job.stage, status: "not_run" }),
      ),
    ],
  };
}

/** The board after `event` (log lines change nothing). */
export function nextBoard(board: StatusBoard, event: RunEvent): StatusBoard {
  if (event.type === "summary") return { ...board, status: event.status };
  if (event.type !== "job") return board;
  const at = Date.parse(event.time);
  const known = board.rows.some((row) => row.job === event.job);
  const rows = known
    ? board.rows
    : [...board.rows, { job: event.job, stage: event.stage, status: event.status }];
  return {
    ...board,
    rows: rows.map((row) => {
      if (row.job !== event.job) return row;
      const started =
        row.startedAt ??
        (event.status === "pending" || event.status === "running" ? at : undefined);
      const final = ended(event.status);
      return {
        job: row.job,
        stage: event.stage,
        status: event.status,
        ...(event.allowedFailure ? { allowedFailure: true } : {}),
        ...(started === undefined ? {} : { startedAt: started }),
        ...(final ? { endedAt: at } : {}),
        ...(event.durationSeconds === undefined ? {} : { durationSeconds: event.durationSeconds }),
        // A reason on an event of a job that has not ended says what it waits for; the next
        // event without one (running …) ends the wait.
        ...(event.reason === undefined || final ? {} : { waiting: event.reason }),
      };
    }),
  };
}

/**
 * The board's lines at `now`: `[shop] run ID: 2/5 jobs finished`, then JOB STAGE STATUS
 * DURATION, a row per job; a running job's duration counts up. A waiting job's status names
 * what it waits for (`pending (waiting for quota)`), and the last column the details (the
 * terminal clips what does not fit, the columns before stay whole).
 * @example boardLines(nextBoard(emptyBoard(plan), event), Date.now())
 */
export function boardLines(board: StatusBoard, now: number): string[] {
  const finished = board.rows.filter((row) => ended(row.status)).length;
  const rows = board.rows.map((row) => {
    const wait = row.waiting === undefined ? undefined : waitText(row.waiting);
    return [
      row.job,
      row.stage,
      row.allowedFailure
        ? "failed (allowed)"
        : wait === undefined
          ? row.status
          : `${row.status} (${wait.what})`,
      duration(row, now),
      wait?.details ?? "",
    ];
  });
  return [
    `[${board.pipeline}] run ${board.runId}: ${finished}/${board.rows.length} jobs finished${
      board.status === undefined ? "" : `, pipeline ${board.status}`
    }`,
    ...textTable(["JOB", "STAGE", "STATUS", "DURATION", ""], rows),
  ];
}

// `waiting for quota: exceeded quota: q, …` as what (before the first colon) and the details.
function waitText(reason: string): { what: string; details: string } {
  const at = reason.indexOf(": ");
  return at < 0
    ? { what: reason, details: "" }
    : { what: reason.slice(0, at), details: reason.slice(at + 2) };
}

// A job that changes no more: finished, skipped, canceled, or never to be run by this client.
function ended(status: ReportedStatus): boolean {
  return status === "not_run" || isFinal(status);
}

function duration(row: BoardRow, now: number): string {
  if (row.durationSeconds !== undefined) return `${row.durationSeconds}s`;
  if (row.startedAt === undefined) return "-";
  const end = row.endedAt ?? now;
  return `${Math.max(0, Math.floor((end - row.startedAt) / 1000))}s`;
}
