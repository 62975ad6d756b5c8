// Why the sources job of `--source git` failed, in one line for the summary and the CLI: the URL
// (without credentials) and commit it fetched, and git's own error, which the job's container
// leaves as its termination message (the last lines of its log, FallbackToLogsOnError).
import type { V1Pod } from "@kubernetes/client-node";
import type { RunPlan } from "../plan/run-plan.js";
import { jobContainer } from "./job-outcome.js";

/**
 * `could not fetch https://host/x.git at 1a2b3c4d: fatal: …`: git's last `fatal:` or `error:` line,
 * else the message's last line, else the exit code.
 */
export function sourcesFailure(
  plan: RunPlan,
  pod: V1Pod | undefined,
  code: number | undefined,
): string {
  const sources = plan.sources;
  const what =
    sources?.kind === "git"
      ? `could not fetch ${sources.url} at ${sources.commit.slice(0, 8)}`
      : "could not fetch the sources";
  const status = pod?.status?.containerStatuses?.find((c) => c.name === jobContainer(pod));
  const message =
    status?.state?.terminated?.message ?? status?.lastState?.terminated?.message ?? "";
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const said =
    lines.filter((line) => /^(fatal|error):/i.test(line)).pop() ??
    lines.pop() ??
    (code === undefined ? "the job failed" : `git exited with code ${code}`);
  return `${what}: ${said}`;
}
