import type { Default, Job, Pipeline } from "../schema/index.js";
import { isPlainObject } from "../templates/is-plain-object.js";
import { mergeSecurityContexts } from "./merge-security-context.js";

type DefaultKeyword = keyof Default;

// The deprecated top-level forms of `default` keywords (GitLab still applies them to every job).
const GLOBAL_DEFAULTS = ["image", "services", "cache", "before_script", "after_script"] as const;

/**
 * The job as it runs: `default` keywords it does not set itself filled in (honouring
 * `inherit.default`), as GitLab does. `default.kubernetes` is merged field by field under the
 * job's own block (unless `inherit.default: false`), its security contexts field by field too
 * (see mergeSecurityContexts). Variables are left to `jobVariables`.
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
      result.kubernetes =
        isPlainObject(job.kubernetes) && isPlainObject(value)
          ? kubernetesWithDefaults(value, job.kubernetes)
          : value;
      continue;
    }
    if (Array.isArray(inherit) && !(inherit as readonly string[]).includes(keyword)) continue;
    if (!(keyword in job)) result[keyword] = value;
  }
  return result as Job;
}

// The security contexts whose fields a job's block merges over the default's instead of
// replacing them whole.
const SECURITY_CONTEXTS = ["securityContext", "servicesSecurityContext", "podSecurityContext"];

function kubernetesWithDefaults(
  defaults: Readonly<Record<string, unknown>>,
  job: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...defaults, ...job };
  for (const field of SECURITY_CONTEXTS) {
    const own = job[field];
    const inherited = defaults[field];
    if (isPlainObject(own) && isPlainObject(inherited)) {
      result[field] = mergeSecurityContexts(inherited, own);
    }
  }
  return result;
}
