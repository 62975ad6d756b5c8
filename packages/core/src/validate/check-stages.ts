import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { formatPath } from "../diagnostics/path.js";
import type { CheckInput } from "./check-input.js";
import { knownStage } from "./known-stage.js";

/**
 * Every job that runs is in a declared stage: one of `stages` (GitLab's `build, test, deploy`
 * when omitted) or `.pre`/`.post`. A job without `stage` is in `test`, which a pipeline that
 * declares its own stages may not have.
 */
export function checkStages(input: CheckInput): Diagnostic[] {
  const stages = input.stages;
  if (stages === undefined) return [];
  const declared = new Set(stages);
  const declaredText = stages.join(", ");
  const diagnostics: Diagnostic[] = [];
  for (const [name, job] of input.running) {
    const stage = knownStage(input, name, job);
    if (stage === undefined || declared.has(stage)) continue;
    const path = formatPath(["jobs", name, "stage"]);
    const quoted = JSON.stringify(stage);
    const hint = didYouMean(stage, stages);
    const message =
      job.stage === undefined
        ? `this job has no stage, so it runs in "test", which is not declared in stages (${declaredText}); set stage or declare "test"`
        : input.writtenTopLevel.stages === undefined
          ? `stage ${quoted} is not one of the default stages${hint || ` (${declaredText}); declare it in stages`}`
          : `stage ${quoted} is not declared in stages${hint || ` (${declaredText}); add it there`}`;
    diagnostics.push(error("stages/undeclared", path, message));
  }
  return diagnostics;
}
