// Public API of @pipecraft/core. Re-exports only; each concept lives in its own file.

export type { Diagnostic } from "./diagnostics.js";
export { formatDiagnostic } from "./diagnostics.js";
export type { JobEdge, JobGraph, JobNode } from "./graph/job-graph.js";
export { jobGraph } from "./graph/job-graph.js";
export { parallelJobNames } from "./graph/parallel-job-names.js";
export type { PipelineDefinition, PipelineOptions } from "./pipeline.js";
export { isPipelineDefinition, pipeline } from "./pipeline.js";
export { reference } from "./reference.js";
export * from "./schema/index.js";
export { extend, merge } from "./templates/merge.js";
export type { ValidationResult } from "./validate/validate-pipeline.js";
export { validatePipeline } from "./validate/validate-pipeline.js";
