import type { Job, Pipeline } from "./schema/index.js";
import { expandTemplates, type TemplateExpansion } from "./templates/expand-templates.js";
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
    .map((name) => [name, withoutNullKeywords(expansion.jobs.get(name)!)]);
  return { ...expansion.topLevel, jobs: Object.fromEntries(jobs) };
}

function withoutNullKeywords(job: Job): Job {
  let hasNull = false;
  for (const key in job) hasNull ||= job[key as keyof Job] === null;
  return hasNull
    ? (Object.fromEntries(Object.entries(job).filter(([, value]) => value !== null)) as Job)
    : job;
}
