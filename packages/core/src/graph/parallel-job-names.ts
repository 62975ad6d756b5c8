import { isTaggedValue } from "@pipecraft/emit";
import type { Job } from "../schema/index.js";
import { matrixCombinations } from "./matrix-combinations.js";

type Matrix = readonly Readonly<Record<string, unknown>>[];

/**
 * The names of the jobs GitLab creates from one job with `parallel`: `test 1/3` … `test 3/3`
 * for `parallel: 3`, `deploy: [aws, app1]` … for a matrix (values in the order the variables
 * are written). Without `parallel` (or with an unresolved `!reference`), just the job's name.
 */
export function parallelJobNames(name: string, parallel: Job["parallel"]): string[] {
  if (typeof parallel === "number") {
    return Array.from({ length: parallel }, (_, i) => `${name} ${i + 1}/${parallel}`);
  }
  if (parallel === undefined || isTaggedValue(parallel)) return [name];
  return matrixCombinations(parallel.matrix as Matrix).map(
    (combination) => `${name}: [${combination.map(([, value]) => value).join(", ")}]`,
  );
}

/** How many jobs a matrix creates: per entry the product of its value counts, summed. */
export function matrixJobCount(matrix: Matrix): number {
  return matrix.reduce(
    (total, entry) =>
      total +
      Object.values(entry).reduce<number>(
        (product, value) => product * (Array.isArray(value) ? value.length : 1),
        1,
      ),
    0,
  );
}
