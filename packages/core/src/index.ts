// Public API of @pipecraft/core. Re-exports only; each concept lives in its own file.

export type { JobVariable } from "./defaults/job-variables.js";
export { jobVariables } from "./defaults/job-variables.js";
export { jobWithDefaults } from "./defaults/job-with-defaults.js";
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
export type {
  Evaluation,
  ExpressionScope,
  ExpressionValue,
} from "./rules/expression-evaluator.js";
export { evaluateExpression, isPresent } from "./rules/expression-evaluator.js";
export type { ExpressionSyntaxError } from "./rules/expression-lexer.js";
export type { ExpressionNode, ParsedExpression } from "./rules/expression-parser.js";
export { parseExpression } from "./rules/expression-parser.js";
export type { JobSelection, SelectedJob, SelectedWhen } from "./rules/select-jobs.js";
export { selectJobs } from "./rules/select-jobs.js";
export type { SelectionInput } from "./rules/selection-input.js";
export * from "./schema/index.js";
export { extend, merge } from "./templates/merge.js";
export { formatPath } from "./validate/format-path.js";
export type { ValidationResult } from "./validate/validate-pipeline.js";
export { validatePipeline } from "./validate/validate-pipeline.js";
