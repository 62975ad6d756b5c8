import { type Diagnostic, error, warning } from "../diagnostics/diagnostic.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import type { CheckInput } from "./check-input.js";

/**
 * At least one job runs: GitLab rejects a configuration whose jobs are all hidden templates
 * (or that has none). Jobs that failed the schema still count: their errors say enough. A
 * library (hidden templates only, or a `workflow` fragment) is an ordinary file to include:
 * accepted with a warning.
 */
export function checkJobsExist(input: CheckInput): Diagnostic[] {
  if (!input.hasJobs || input.names.some((name) => !isHiddenJob(name))) return [];
  if (input.names.length > 0 || input.writtenTopLevel.workflow !== undefined) {
    return [
      warning(
        "jobs/none",
        "jobs",
        `${input.names.length > 0 ? "only hidden templates (.name)" : "no jobs, only workflow"}: accepted as a library to include; GitLab runs no pipeline from this file alone`,
      ),
    ];
  }
  return [error("jobs/none", "jobs", "no jobs; a pipeline needs at least one job that runs")];
}
