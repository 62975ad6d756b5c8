import type { Job, Pipeline } from "./schema/index.js";
import { expandTemplates, type TemplateExpansion } from "./templates/expand-templates.js";
import { extendsOf } from "./templates/extends-of.js";
import { isHiddenJob } from "./templates/is-hidden-job.js";

/** How hidden `.templates` appear in the output (see `PipelineOptions`). */
export type TemplatesMode = "expanded" | "hidden";

/**
 * The model every target reads, from a pipeline as validation parses it (parsing has dropped
 * `undefined` entries already). Jobs stay in the order they were written. `"expanded"` (the default): `extends` applied, `!reference`
 * resolved (lists GitLab flattens, such as scripts and rules, flattened), keywords set to
 * `null` dropped (GitLab's way to unset an inherited keyword), hidden templates removed.
 * `"hidden"`: templates, `extends` and `!reference` kept as written, for GitLab to resolve.
 */
export function normalizePipeline(
  pipeline: Pipeline,
  templates: TemplatesMode = "expanded",
  expansion: TemplateExpansion = expandTemplates(pipeline),
): Pipeline {
  if (templates === "hidden") return pipeline;
  const jobs = Object.keys(pipeline.jobs)
    .filter((name) => !isHiddenJob(name))
    .map((name) => {
      const job = withoutNullKeywords(expansion.jobs.get(name)!);
      if (!expansion.incomplete.has(name)) return [name, job];
      // Bases that are not in the pipeline (from an include GitLab merges) stay for GitLab.
      const missing = missingBases(pipeline.jobs, name);
      return [name, missing.length === 0 ? job : { ...job, extends: missing }];
    });
  return { ...expansion.topLevel, jobs: Object.fromEntries(jobs) };
}

function withoutNullKeywords(job: Job): Job {
  let hasNull = false;
  for (const key in job) hasNull ||= job[key as keyof Job] === null;
  return hasNull
    ? (Object.fromEntries(Object.entries(job).filter(([, value]) => value !== null)) as Job)
    : job;
}

// The bases named along a job's `extends` chain that the pipeline does not define, in order.
function missingBases(jobs: Readonly<Record<string, Job>>, name: string): string[] {
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (current: string) => {
    if (seen.has(current)) return;
    seen.add(current);
    const job = Object.hasOwn(jobs, current) ? jobs[current] : undefined;
    if (job === undefined) {
      missing.push(current);
      return;
    }
    if (typeof job === "object" && job !== null) for (const base of extendsOf(job)) visit(base);
  };
  visit(name);
  return missing;
}
