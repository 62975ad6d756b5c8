import { type Diagnostic, error } from "../diagnostics.js";
import { jobStage } from "../graph/job-stage.js";
import { stageIndex } from "../graph/stage-order.js";
import type { CheckInput } from "./check-input.js";
import { formatPath } from "./format-path.js";
import { needPath, needsLists } from "./job-references.js";

/**
 * `needs` of the jobs that run, templates applied: no job needs itself, and every needed job
 * runs in the same or an earlier stage (GitLab: "need X is not defined in current or prior
 * stages"). Stages that are not declared are reported by `checkStages`, not here.
 */
export function checkNeedsOrder(input: CheckInput): Diagnostic[] {
  const stageOf = new Map<string, number | undefined>();
  const indexes = input.stages === undefined ? undefined : stageIndex(input.stages);
  for (const [name, job] of input.expansion.jobs) stageOf.set(name, indexes?.get(jobStage(job)));

  const diagnostics: Diagnostic[] = [];
  for (const [name, job] of input.running) {
    const own = stageOf.get(name);
    for (const list of needsLists(name, job)) {
      for (const need of list.needs) {
        if (need.job === name) {
          diagnostics.push(
            error(formatPath(needPath(need)), `job ${JSON.stringify(name)} needs itself`),
          );
          continue;
        }
        const other = stageOf.get(need.job);
        if (own === undefined || other === undefined || other <= own) continue;
        const neededJob = input.expansion.jobs.get(need.job)!;
        diagnostics.push(
          error(
            formatPath(needPath(need)),
            `${JSON.stringify(need.job)} runs in stage ${JSON.stringify(jobStage(neededJob))}, after this job's stage ${JSON.stringify(jobStage(job))}; a job can only need jobs of its own or an earlier stage`,
          ),
        );
      }
    }
  }
  return diagnostics;
}
