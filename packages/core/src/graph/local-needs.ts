import { isTaggedValue } from "@pipecraft/emit";
import type { Job } from "../schema/index.js";

/** One `needs` entry that names a job of this pipeline. */
export type LocalNeed = {
  job: string;
  /** Position in the job's `needs` list, for diagnostics (`needs[2]`). */
  index: number;
  /** `optional: true`: the needed job may be absent (e.g. excluded by its rules). */
  optional: boolean;
  /** `artifacts: false` skips the download; the ordering is the same. */
  artifacts: boolean;
};

/**
 * The `needs` entries that point at jobs of this pipeline, or `undefined` when the job has no
 * `needs` (it then waits for all jobs of earlier stages). Needs on another pipeline or project
 * and unresolved `!reference` entries are left out: they add no edge inside this pipeline.
 */
export function localNeeds(job: Pick<Job, "needs">): LocalNeed[] | undefined {
  const needs: unknown = job.needs;
  if (!Array.isArray(needs)) return undefined;
  const result: LocalNeed[] = [];
  needs.forEach((need: unknown, index) => {
    if (typeof need === "string") {
      result.push({ job: need, index, optional: false, artifacts: true });
    } else if (isLocalNeedObject(need)) {
      result.push({
        job: need.job,
        index,
        optional: need.optional === true,
        artifacts: need.artifacts !== false,
      });
    }
  });
  return result;
}

function isLocalNeedObject(
  need: unknown,
): need is { job: string; optional?: boolean; artifacts?: boolean } {
  return (
    typeof need === "object" &&
    need !== null &&
    !isTaggedValue(need) &&
    typeof (need as { job?: unknown }).job === "string" &&
    !("pipeline" in need) &&
    !("project" in need)
  );
}
