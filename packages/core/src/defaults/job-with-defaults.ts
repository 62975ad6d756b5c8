import type { Default, Job, Pipeline } from "../schema/index.js";
import { isPlainObject } from "../templates/is-plain-object.js";

type DefaultKeyword = keyof Default;

// The deprecated top-level forms of `default` keywords (GitLab still applies them to every job).
const GLOBAL_DEFAULTS = ["image", "services", "cache", "before_script", "after_script"] as const;

/**
 * The job as it runs: `default` keywords it does not set itself filled in (honouring
 * `inherit.default`), as GitLab does. `default.kubernetes` is merged field by field under the
 * job's own block (unless `inherit.default: false`). Variables are left to `jobVariables`.
 * @example jobWithDefaults(pipeline, pipeline.jobs.test!)
 */
export function jobWithDefaults(
  pipeline: Pick<Pipeline, "default" | (typeof GLOBAL_DEFAULTS)[number]>,
  job: Job,
): Job {
  const defaults: Partial<Record<DefaultKeyword, unknown>> = {};
  for (const keyword of GLOBAL_DEFAULTS) {
    if (pipeline[keyword] !== undefined) defaults[keyword] = pipeline[keyword];
  }
  Object.assign(defaults, pipeline.default);
  const inherit = job.inherit?.default;
  if (inherit === false) return job;
  const result: Record<string, unknown> = { ...job };
  for (const [keyword, value] of Object.entries(defaults)) {
    if (value === undefined) continue;
    if (keyword === "kubernetes") {
      result.kubernetes = isPlainObject(job.kubernetes) ? { ...value, ...job.kubernetes } : value;
      continue;
    }
    if (Array.isArray(inherit) && !(inherit as readonly string[]).includes(keyword)) continue;
    if (!(keyword in job)) result[keyword] = value;
  }
  return result as Job;
}
