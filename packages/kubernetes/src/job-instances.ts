import {
  type Job,
  type MatrixCombination,
  matrixCombinations,
  parallelJobNames,
} from "@pipecraft/core";
import { objectName } from "./object-name.js";
import { plainValue } from "./plain-value.js";

/** One Kubernetes Job made from a CI job: the job itself, or one matrix combination of it. */
export type JobInstance = {
  /** The job's name as GitLab shows it (`build: [linux, 22]` for a matrix combination). */
  readonly ciName: string;
  /** The Job's metadata.name. */
  readonly objectName: string;
  /** The matrix variables of this combination. */
  readonly matrix: MatrixCombination | undefined;
  /** CI_NODE_INDEX (1-based) and CI_NODE_TOTAL of a matrix combination. */
  readonly node: { readonly index: number; readonly total: number } | undefined;
  /** `parallel: N`: the number of indexed completions. */
  readonly completions: number | undefined;
};

/** The Kubernetes Jobs a CI job becomes: one, one Indexed Job for `parallel: N`, one per matrix combination. */
export function jobInstances(pipelineName: string, name: string, job: Job): JobInstance[] {
  const parallel = plainValue(job.parallel);
  if (typeof parallel === "number") {
    return [
      {
        ciName: name,
        objectName: objectName(pipelineName, name),
        matrix: undefined,
        node: undefined,
        completions: parallel,
      },
    ];
  }
  if (parallel === undefined) {
    return [
      {
        ciName: name,
        objectName: objectName(pipelineName, name),
        matrix: undefined,
        node: undefined,
        completions: undefined,
      },
    ];
  }
  const combinations = matrixCombinations(parallel.matrix);
  const names = parallelJobNames(name, parallel);
  return combinations.map((matrix, i) => ({
    ciName: names[i] ?? name,
    objectName: objectName(pipelineName, name, ...matrix.map(([, value]) => value)),
    matrix,
    node: { index: i + 1, total: combinations.length },
    completions: undefined,
  }));
}
