// Public API of @pipecraft/core. Re-exports only; each concept lives in its own file.

export type { JobVariable } from "./defaults/job-variables.js";
export { jobVariables } from "./defaults/job-variables.js";
export { jobWithDefaults } from "./defaults/job-with-defaults.js";
export { mergeSecurityContexts } from "./defaults/merge-security-context.js";
export type { DiagnosticCode } from "./diagnostics/codes.js";
export { DIAGNOSTIC_CODES } from "./diagnostics/codes.js";
export { describeFoundValue } from "./diagnostics/describe-value.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
export {
  error as errorDiagnostic,
  formatDiagnostic,
  hasErrors,
  warning as warningDiagnostic,
} from "./diagnostics/diagnostic.js";
export { didYouMean } from "./diagnostics/did-you-mean.js";
export { escapeControlCharacters } from "./diagnostics/escape-control-characters.js";
export { issueDiagnostics, narrowIssues } from "./diagnostics/issue-diagnostics.js";
export { issueMessage } from "./diagnostics/issue-message.js";
export { formatPath, parsePath } from "./diagnostics/path.js";
export { parseDuration } from "./duration/parse-duration.js";
export type { JobEdge, JobGraph, JobNode } from "./graph/job-graph.js";
export { jobGraph } from "./graph/job-graph.js";
export type { LocalNeed } from "./graph/local-needs.js";
export type { MatrixCombination } from "./graph/matrix-combinations.js";
export { matrixCombinations } from "./graph/matrix-combinations.js";
export { parallelJobNames } from "./graph/parallel-job-names.js";
export type { IncludedEntry, IncludeEntry, IncludeProvides } from "./included.js";
export { included } from "./included.js";
export type { InputDeclarations, InputValue, Interpolation } from "./inputs/interpolate-inputs.js";
export { interpolateInputs, resolveInputValues } from "./inputs/interpolate-inputs.js";
export { normalizePipeline } from "./normalize.js";
export type { PipelineDefinition, PipelineOptions } from "./pipeline.js";
export { isPipelineDefinition, pipeline } from "./pipeline.js";
export { reference } from "./reference.js";
export { compareToRefs } from "./rules/compare-to-refs.js";
export type {
  Evaluation,
  ExpressionScope,
  ExpressionValue,
} from "./rules/expression-evaluator.js";
export { evaluateExpression, isPresent } from "./rules/expression-evaluator.js";
export type { ExpressionSyntaxError } from "./rules/expression-lexer.js";
export type { ExpressionNode, ParsedExpression } from "./rules/expression-parser.js";
export { parseExpression } from "./rules/expression-parser.js";
export { globRegExp, RULES_GLOB } from "./rules/fnmatch.js";
export type { JobSelection, SelectedJob, SelectedWhen } from "./rules/select-jobs.js";
export { selectJobs } from "./rules/select-jobs.js";
export type { SelectionInput } from "./rules/selection-input.js";
// The model's types (the schemas themselves are the `@pipecraft/core/schema` entry), and the few
// schemas and lists the targets use.
export type {
  BuiltinStageName,
  Default,
  DefaultStageName,
  Job,
  JobInput,
  JobTemplate,
  KanikoBuild,
  KanikoBuildInput,
  KubernetesJob,
  KubernetesPipeline,
  NameCheckedKeyword,
  Pipeline,
  PipelineInput,
  PipelineJob,
  PipelineJobRule,
  PipelineNeed,
  ReadonlyInput,
  StageName,
  TopLevelKeyword,
  VisibleJobName,
} from "./schema/index.js";
export { kanikoBuildSchema } from "./schema/kaniko-build.js";
export { kubernetesNameSchema } from "./schema/kubernetes.js";
export { topLevelKeywords } from "./schema/top-level.js";
export type {
  OutputFile,
  SynthResult,
  Target,
  TargetOption,
  TargetRequest,
} from "./target.js";
export { isHiddenJob } from "./templates/is-hidden-job.js";
export { extend, merge } from "./templates/merge.js";
export { checkPrototypeKeys } from "./validate/check-prototype-keys.js";
export type { ValidationResult } from "./validate/validate-pipeline.js";
export { validatePipeline } from "./validate/validate-pipeline.js";
