// Public API of @pipecraft/core. Re-exports only; each concept lives in its own file.
export * from "./schema/index.js";
export { isPipelineDefinition, pipeline } from "./pipeline.js";
export type { PipelineDefinition, PipelineOptions } from "./pipeline.js";
export { reference } from "./reference.js";
export { extend, merge } from "./templates/merge.js";
export { validatePipeline } from "./validate/validate-pipeline.js";
export type { ValidationResult } from "./validate/validate-pipeline.js";
export { formatDiagnostic } from "./diagnostics.js";
export type { Diagnostic } from "./diagnostics.js";
export { jobGraph } from "./graph/job-graph.js";
export type { JobEdge, JobGraph, JobNode } from "./graph/job-graph.js";
export { parallelJobNames } from "./graph/parallel-job-names.js";
