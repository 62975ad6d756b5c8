import { isTaggedValue } from "@pipecraft/emit";
import { type Diagnostic, error, warning } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/path.js";
import { matrixJobCount, parallelJobNames } from "../graph/parallel-job-names.js";
import type { Job } from "../schema/index.js";
import { discouragedJobNames } from "../schema/job-name.js";
import type { CheckInput } from "./check-input.js";
import { MAX_PARALLEL } from "./check-parallel.js";

// Names GitLab gives the copies of a job: `test 1/3` for `parallel: 3`, `deploy: [aws, app1]`
// for `parallel: matrix`.
const PARALLEL_NAME = /^(.+) (\d+)\/(\d+)$/;
const MATRIX_NAME = /^(.+): \[(.*)\]$/;

/**
 * Job names that collide. Duplicate keys cannot reach us: an object literal with a repeated
 * key is a TypeScript error, and a spread (`{ ...generated(), build }`) has already overwritten
 * the earlier entry by the time `pipeline()` runs. What can still collide:
 * - names equal once leading/trailing spaces are ignored (`"build "`): an error, the two are
 *   indistinguishable in GitLab's UI and in every log;
 * - names that differ only in case (`Build`, `build`): a warning, GitLab accepts both, but they
 *   map to the same Kubernetes name and are easily confused;
 * - a name GitLab generates for the copies of a `parallel` job (`test 1/3`,
 *   `deploy: [aws, app1]`): an error, two jobs would have that name;
 * - `true`, `false`, `nil`: a warning, YAML readers take them for values unless quoted.
 * Top-level keywords (`image`, `stages`, …) are rejected by the schema already.
 */
export function checkJobNames(input: CheckInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byTrimmed = new Map<string, string>();
  const byLowerCase = new Map<string, string>();
  for (const name of input.names) {
    const at = () => formatPath(["jobs", name]);
    const trimmed = name.trim();
    const sameTrimmed = byTrimmed.get(trimmed);
    const sameCase = byLowerCase.get(trimmed.toLowerCase());
    if (sameTrimmed !== undefined) {
      diagnostics.push(
        error(
          "job-name/spaces-collision",
          at(),
          `job name collides with ${JSON.stringify(sameTrimmed)}: they differ only in leading or trailing spaces`,
        ),
      );
    } else if (sameCase !== undefined) {
      diagnostics.push(
        warning(
          "job-name/case-collision",
          at(),
          `job name differs from ${JSON.stringify(sameCase)} only in case; both map to the same Kubernetes name`,
        ),
      );
    }
    if (!byTrimmed.has(trimmed)) byTrimmed.set(trimmed, name);
    if (!byLowerCase.has(trimmed.toLowerCase())) byLowerCase.set(trimmed.toLowerCase(), name);

    const generator = generatingJob(name, input.expansion.jobs);
    if (generator !== undefined) {
      diagnostics.push(
        error(
          "job-name/generated-collision",
          at(),
          `job name collides with a copy GitLab generates from ${formatPath(["jobs", generator, "parallel"])}`,
        ),
      );
    }
    if (discouragedJobNames.has(name)) {
      diagnostics.push(
        warning(
          "job-name/yaml-value",
          at(),
          `${JSON.stringify(name)} reads as a YAML value unless quoted; rename the job`,
        ),
      );
    }
  }
  return diagnostics;
}

// Only names shaped like a generated one are looked into, so this stays linear.
function generatingJob(name: string, jobs: ReadonlyMap<string, Job>): string | undefined {
  const parallel = PARALLEL_NAME.exec(name);
  if (parallel !== null) {
    const [, base, index, total] = parallel as unknown as [string, string, string, string];
    const copies = jobs.get(base)?.parallel;
    if (typeof copies === "number" && copies === Number(total) && Number(index) >= 1) {
      if (Number(index) <= copies) return base;
    }
  }
  const matrix = MATRIX_NAME.exec(name);
  if (matrix !== null) {
    const [, base] = matrix as unknown as [string, string];
    const copies = jobs.get(base)?.parallel;
    // Too large a matrix is an error of its own (checkParallel); do not enumerate it here.
    if (typeof copies === "object" && !isTaggedValue(copies)) {
      const small = matrixJobCount(copies.matrix) <= MAX_PARALLEL;
      if (small && parallelJobNames(base, copies).includes(name)) return base;
    }
  }
  return undefined;
}
