// Text progress for a terminal or a CI log: one line per state change, then a summary table.
import { sourcesText } from "../plan/run-sources.js";
import { type LogStyle, logLineText } from "./log-line.js";
import type { JobSummary, RunEvent } from "./run-event.js";

/**
 * The text lines of one event: `[shop] build: running`, the summary table …; none for events
 * that say nothing new. Log lines are laid out by `style` (see log-line.ts).
 * @example textLines({ type: "job", time, job: "build", stage: "build", status: "running" }, "shop")
 */
export function textLines(
  event: RunEvent,
  pipeline: string,
  style: LogStyle = { width: 0 },
): string[] {
  switch (event.type) {
    case "run":
      return [
        `[${pipeline}] run ${event.runId} in namespace ${event.namespace}: ${event.jobs} jobs (record configmap/${event.record})`,
        ...(event.sources === undefined ? [] : [`[${pipeline}] ${sourcesText(event.sources)}`]),
      ];
    case "job":
      return [`[${pipeline}] ${event.job}: ${statusText(event)}`];
    case "log":
      return [logLineText(event, style)];
    case "summary":
      return summaryLines(event.jobs, event.status, event.runId, event.reason);
  }
}

function statusText(job: JobSummary): string {
  const parts: string[] = [job.allowedFailure ? "failed (allowed)" : job.status];
  if (job.exitCode !== undefined && job.status === "failed")
    parts.push(`exit code ${job.exitCode}`);
  if (job.reason !== undefined) parts.push(job.reason);
  return parts.join(", ");
}

function summaryLines(
  jobs: readonly JobSummary[],
  status: string,
  runId: string,
  reason: string | undefined,
): string[] {
  const rows = jobs.map((job) => [
    job.job,
    job.stage,
    job.allowedFailure ? "failed (allowed)" : job.status,
    job.durationSeconds === undefined ? "-" : `${job.durationSeconds}s`,
    job.exitCode === undefined ? "-" : String(job.exitCode),
    job.reason ?? "",
  ]);
  const table = textTable(["JOB", "STAGE", "STATUS", "DURATION", "EXIT", ""], rows);
  const end = `pipeline ${status} (run ${runId})`;
  return ["", ...table, "", reason === undefined ? end : `${end}: ${reason}`];
}

/** A plain-text table: columns padded to their widest cell, two spaces apart, a line per row. */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? "").length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [header, ...rows].map(line);
}
