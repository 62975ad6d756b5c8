// Public API of @pipecraft/core. Re-exports only; each concept lives in its own file.

export type { JobVariable } from "./defaults/job-variables.js";
export { jobVariables } from "./defaults/job-variables.js";
export { jobWithDefaults } from "./defaults/job-with-defaults.js";
export { mergeSecurityContexts } from "./defaults/merge-security-context.js";
export type { Diagnostic } from "./diagnostics.js";
export {
  error as errorDiagnostic,
  formatDiagnostic,
  hasErrors,
  warning as warningDiagnostic,
} from "./diagnostics.js";
export { parseDuration } from "./duration/parse-duration.js";
export type { JobEdge, JobGraph, JobNode } from "./graph/job-graph.js";
export { jobGraph } from "./graph/job-graph.js";
export type { LocalNeed } from "./graph/local-needs.js";
export type { MatrixCombination } from "./graph/matrix-combinations.js";
export { matrixCombinations } from "./graph/matrix-combinations.js";
export { parallelJobNames } from "./graph/parallel-job-names.js";
export { normalizePipeline } from "./normalize.js";
export type { PipelineDefinition, PipelineOptions } from "./pipeline.js";
export { isPipelineDefinition, pipeline } from "./pipeline.js";
export { reference } from "./reference.js";
export * from "./schema/index.js";
export { extend, merge } from "./templates/merge.js";
export { checkPrototypeKeys } from "./validate/check-prototype-keys.js";
export { escapeControlCharacters } from "./validate/escape-control-characters.js";
export { formatPath } from "./validate/format-path.js";
export type { ValidationResult } from "./validate/validate-pipeline.js";
export { validatePipeline } from "./validate/validate-pipeline.js";
