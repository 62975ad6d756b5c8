import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import type { CheckInput } from "./check-input.js";

/**
 * At least one job runs: GitLab rejects a configuration whose jobs are all hidden templates
 * (or that has none). Jobs that failed the schema still count: their errors say enough.
 */
export function checkJobsExist(input: CheckInput): Diagnostic[] {
  if (!input.hasJobs || input.names.some((name) => !isHiddenJob(name))) return [];
  return [
    error(
      "jobs/none",
      "jobs",
      input.names.length === 0
        ? "no jobs; a pipeline needs at least one job that runs"
        : "only hidden templates (.name); a pipeline needs at least one job that runs",
    ),
  ];
}
