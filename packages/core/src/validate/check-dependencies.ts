import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { suggester } from "../diagnostics/did-you-mean.js";
import { formatPath } from "../diagnostics/path.js";
import { jobStage } from "../graph/job-stage.js";
import { stageIndex } from "../graph/stage-order.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import type { CheckInput } from "./check-input.js";
import { ownNeedsList } from "./job-references.js";
import { knownStage } from "./known-stage.js";

/**
 * `dependencies` (whose artifacts a job downloads): as written, every name is a job that
 * runs; templates applied, none is the job itself or a job of a later stage, and in a job with
 * `needs` every dependency is also needed (GitLab: "should be part of needs").
 */
export function checkDependencies(input: CheckInput): Diagnostic[] {
  const known = new Set(input.names);
  const hintFor = suggester(() => input.names.filter((name) => !isHiddenJob(name)));
  const diagnostics: Diagnostic[] = [];
  for (const [name, job] of Object.entries(input.written)) {
    job.dependencies?.forEach((dependency, i) => {
      if (known.has(dependency) && !isHiddenJob(dependency)) return;
      const path = formatPath(["jobs", name, "dependencies", i]);
      const quoted = JSON.stringify(dependency);
      if (!known.has(dependency)) {
        diagnostics.push(
          error("dependencies/unknown-job", path, `no job named ${quoted}${hintFor(dependency)}`),
        );
      } else if (isHiddenJob(dependency)) {
        diagnostics.push(
          error(
            "dependencies/hidden-job",
            path,
            `${quoted} is a hidden template, which never runs; depend on a job that runs`,
          ),
        );
      }
    });
  }

  const indexes = input.stages === undefined ? undefined : stageIndex(input.stages);
  const stageOf = (name: string): number | undefined => {
    const job = input.expansion.jobs.get(name);
    const stage = job === undefined ? undefined : knownStage(input, name, job);
    return stage === undefined ? undefined : indexes?.get(stage);
  };
  // Unknown and hidden names are reported above, once.
  const isRunnable = (name: string) => known.has(name) && !isHiddenJob(name);
  for (const [name, job] of input.running) {
    if (job.dependencies === undefined || job.dependencies.length === 0) continue;
    const needed = ownNeedsList(name, job);
    const neededNames = new Set(needed?.needs.map((need) => need.job));
    job.dependencies?.forEach((dependency, i) => {
      const path = formatPath(["jobs", name, "dependencies", i]);
      const quoted = JSON.stringify(dependency);
      const own = stageOf(name);
      const other = stageOf(dependency);
      if (dependency === name) {
        diagnostics.push(
          error("dependencies/self", path, `job ${JSON.stringify(name)} depends on itself`),
        );
      } else if (own !== undefined && other !== undefined && other > own) {
        const stage = jobStage(input.expansion.jobs.get(dependency)!);
        diagnostics.push(
          error(
            "dependencies/later-stage",
            path,
            `${quoted} runs in stage ${JSON.stringify(stage)}, after this job's stage ${JSON.stringify(jobStage(job))}; dependencies must be jobs of its own or an earlier stage`,
          ),
        );
      } else if (needed !== undefined && !neededNames.has(dependency) && isRunnable(dependency)) {
        diagnostics.push(
          error(
            "dependencies/not-needed",
            path,
            `${quoted} must also be listed in needs: a job with needs only downloads artifacts from jobs it needs`,
          ),
        );
      }
    });
  }
  return diagnostics;
}
