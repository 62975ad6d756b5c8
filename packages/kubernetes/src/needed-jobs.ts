import {
  type Job,
  type LocalNeed,
  type MatrixCombination,
  matrixCombinations,
} from "@pipecraft/core";
import type { JobInstance } from "./job-instances.js";

/**
 * The Kubernetes Jobs one `needs` entry waits for: every Job made from the needed CI job, or with
 * `parallel: { matrix }` in the entry only the combinations it lists (as in GitLab).
 */
export function neededJobs(job: Job, need: LocalNeed, instances: readonly JobInstance[]): string[] {
  const entry: unknown = Array.isArray(job.needs) ? job.needs[need.index] : undefined;
  const matrix =
    typeof entry === "object" && entry !== null && "parallel" in entry
      ? (entry as { parallel?: { matrix?: readonly Record<string, unknown>[] } }).parallel?.matrix
      : undefined;
  if (matrix === undefined) return instances.map((instance) => instance.objectName);
  const wanted = new Set(matrixCombinations(matrix).map(combinationKey));
  return instances
    .filter(
      (instance) => instance.matrix !== undefined && wanted.has(combinationKey(instance.matrix)),
    )
    .map((instance) => instance.objectName);
}

// The same variables with the same values, whatever order they were written in.
function combinationKey(combination: MatrixCombination): string {
  return JSON.stringify([...combination].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
