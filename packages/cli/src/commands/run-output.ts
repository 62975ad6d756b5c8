// What `pipecraft run` prints, shared by a new run and `--attach`: JSON events, or on a terminal
// the live table (live-status.ts), or one line per change; and the exit code of a run's status.
import type { LogStyle, PipelineStatus, RunEvent, RunPlan } from "@pipecraft/runtime";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { liveStatus } from "./live-status.js";

type Runtime = typeof import("@pipecraft/runtime");

/** Where a run's events go: `write` each; `stop` when the run is over. */
export type RunReporter = { write(event: RunEvent): void; stop(): void };

/** The reporter for `--output` (text or json) on `io.stdout`. */
export function runReporter(
  runtime: Runtime,
  io: CliIo,
  plan: RunPlan,
  output: "text" | "json",
  style: LogStyle,
): RunReporter {
  if (output === "json") {
    return { write: (event) => io.stdout.write(`${JSON.stringify(event)}\n`), stop: () => {} };
  }
  // On a terminal a table redrawn in place; elsewhere (CI, a pipe) one line per change.
  if (io.stdout.isTTY === true) return liveStatus(runtime, io.stdout, plan, style);
  return {
    write: (event) => {
      for (const line of runtime.textLines(event, plan.pipeline, style))
        io.stdout.write(`${line}\n`);
    },
    stop: () => {},
  };
}

/**
 * The line that says why a run failed when its sources job (`--source git`) did: the URL, git's
 * error and the log file; undefined otherwise.
 */
export function sourcesFailureLine(
  plan: RunPlan,
  jobs: readonly { job: string; status: string; reason?: string; log?: string }[],
): string | undefined {
  const sources = plan.jobs.find((job) => job.role === "sources");
  const fetched = jobs.find((job) => job.job === sources?.name);
  if (fetched?.status !== "failed") return undefined;
  // Refused by the API server: it never ran, so it has no log.
  if (fetched.reason?.startsWith("pods refused: "))
    return `pipecraft run: the sources job could not start: ${fetched.reason}\n`;
  const log =
    fetched.log === undefined
      ? `pipecraft logs ${fetched.job} --run ${plan.runId} prints its log`
      : `its log: ${fetched.log}`;
  return `pipecraft run: the sources job ${fetched.reason ?? "failed"}; ${log}\n`;
}

/** 0 passed, 130 canceled, 1 failed or blocked. */
export function runExitCode(status: PipelineStatus): ExitCode {
  switch (status) {
    case "success":
      return ExitCode.ok;
    case "canceled":
      return ExitCode.canceled;
    default:
      return ExitCode.failure;
  }
}

/** Whether log prefixes are coloured: on a terminal, unless NO_COLOR is set. */
export function colourWanted(io: CliIo): boolean {
  return io.stdout.isTTY === true && (io.env.NO_COLOR ?? "") === "";
}
