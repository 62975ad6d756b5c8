import { isTaggedValue } from "@pipecraft/emit";
import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/path.js";
import { matrixJobCount } from "../graph/parallel-job-names.js";
import type { CheckInput } from "./check-input.js";

/** GitLab's limit on the copies of one job: `parallel: N` and each `parallel: matrix`. */
export const MAX_PARALLEL = 200;

/**
 * `parallel` of the jobs that run, templates applied: `parallel: N` within 1..200, and a matrix
 * that creates at most 200 jobs (per entry the product of its value counts, summed; GitLab:
 * "generates too many jobs (maximum is 200)").
 */
export function checkParallel(input: CheckInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, job] of input.running) {
    const parallel = job.parallel;
    if (typeof parallel === "number") {
      if (!Number.isInteger(parallel) || parallel < 1 || parallel > MAX_PARALLEL) {
        diagnostics.push(
          error(
            "parallel/out-of-range",
            formatPath(["jobs", name, "parallel"]),
            `parallel must be a whole number from 1 to ${MAX_PARALLEL}, got ${parallel}`,
          ),
        );
      }
    } else if (parallel !== undefined && !isTaggedValue(parallel)) {
      const count = matrixJobCount(parallel.matrix);
      if (count > MAX_PARALLEL) {
        diagnostics.push(
          error(
            "parallel/matrix-too-large",
            formatPath(["jobs", name, "parallel", "matrix"]),
            `matrix generates ${count} jobs; GitLab allows at most ${MAX_PARALLEL}`,
          ),
        );
      }
    }
  }
  return diagnostics;
}
