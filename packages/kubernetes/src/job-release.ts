import type { Job } from "@pipecraft/core";
import { plainValue } from "./plain-value.js";

/**
 * Why a Job is written suspended, which the runtime reads to release it (annotation
 * `pipecraft.dev/release`): a manual job waits for a person, a delayed job for its `start_in`,
 * an `on_failure` job for a failure, and any other job for the Jobs it needs or, without
 * `needs`, for the jobs of the earlier stages. A Job with none of these starts at once.
 */
export type JobRelease = "manual" | "delayed" | "on-failure" | "after-needs" | "after-stages";

/** The annotation that says why a Job is suspended. */
export const RELEASE_ANNOTATION = "pipecraft.dev/release";

/**
 * When a Job may start, or undefined when at once. `waitsFor` says what it waits on in this run:
 * Jobs it needs, or (without `needs`) Jobs of earlier stages. Without a job selection, a job
 * whose `rules` can make it manual (or delayed) counts as such: safe rather than sorry.
 */
export function jobRelease(
  job: Job,
  waitsFor: { readonly needs: boolean; readonly earlierStages: boolean },
  selected: boolean,
): JobRelease | undefined {
  const when = (selected ? undefined : strictestRuleWhen(job)) ?? plainValue(job.when);
  if (when === "manual") return "manual";
  if (when === "delayed") return "delayed";
  if (when === "on_failure") return "on-failure";
  if (waitsFor.needs) return "after-needs";
  if (waitsFor.earlierStages) return "after-stages";
  return undefined;
}

// `when` of the job's rules that would hold it back the most: manual, else delayed.
function strictestRuleWhen(job: Job): string | undefined {
  const rules: unknown = plainValue(job.rules);
  if (!Array.isArray(rules)) return undefined;
  const whens = new Set(
    rules.map((rule: unknown) =>
      typeof rule === "object" && rule !== null && "when" in rule ? rule.when : undefined,
    ),
  );
  return whens.has("manual") ? "manual" : whens.has("delayed") ? "delayed" : undefined;
}
