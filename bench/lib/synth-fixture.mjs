// What the in-process synth benchmarks share: how often each size is measured, and the
// validated model of a fixture (a fixture that does not validate is a broken benchmark).
import { validatePipeline } from "../../packages/core/dist/index.js";

/** Runs, warm-up runs and time budget for a pipeline of `jobCount` jobs. */
export function runsFor(jobCount) {
  return jobCount <= 1_000
    ? { runs: 30, warmup: 5, budgetMs: 3_000 }
    : { runs: 9, warmup: 1, budgetMs: 5_000 };
}

/** The validated model of `definition`; throws when the fixture is invalid. */
export function validated(definition) {
  const { pipeline, diagnostics } = validatePipeline(definition);
  if (pipeline === undefined) throw new Error(`fixture is invalid: ${diagnostics[0]?.message}`);
  return pipeline;
}
