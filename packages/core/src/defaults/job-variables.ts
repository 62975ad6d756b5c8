import type { Job, Pipeline } from "../schema/index.js";

/** A variable as a job sees it: its value, and whether `$NAME` references in it expand. */
export type JobVariable = { value: string; expand: boolean };

/**
 * The variables a job runs with, in GitLab's precedence: top-level `variables` (those
 * `inherit.variables` lets through) under the job's own `variables`. Values are strings, as
 * in GitLab (`1` → `"1"`); unresolved `!reference` values are left out. Order: top-level names
 * first, in writing order, then the job's new names.
 */
export function jobVariables(
  pipeline: Pick<Pipeline, "variables">,
  job: Job,
): Map<string, JobVariable> {
  const result = new Map<string, JobVariable>();
  const inherit = job.inherit?.variables;
  if (inherit !== false) {
    for (const [name, value] of entries(pipeline.variables)) {
      if (Array.isArray(inherit) && !inherit.includes(name)) continue;
      result.set(name, value);
    }
  }
  for (const [name, value] of entries(job.variables)) result.set(name, value);
  return result;
}

function entries(variables: unknown): [string, JobVariable][] {
  if (typeof variables !== "object" || variables === null) return [];
  return Object.entries(variables).flatMap(([name, value]): [string, JobVariable][] => {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      return [[name, { value: String(value), expand: true }]];
    }
    if (typeof value === "object" && value !== null && "value" in value) {
      const variable = value as { value?: unknown; expand?: unknown };
      if (typeof variable.value !== "string") return [];
      return [[name, { value: variable.value, expand: variable.expand !== false }]];
    }
    return [];
  });
}
