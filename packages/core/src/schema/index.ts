// The GitLab CI model's zod schemas and types, one file per keyword family: the `./schema` entry
// of @pipecraft/core, which `pipecraft/schema` passes on whole. Each name is listed, so that a
// new export is a reviewed change (pinned by the CLI's test/exports.test.ts); the folder's own
// helpers (reserved job names, orReference, the top-level keyword list) are imported from their
// files and stay inside core.

export { allowFailureSchema } from "./allow-failure.js";
export { artifactsReportsSchema, artifactsSchema } from "./artifacts.js";
export { cacheItemSchema, cacheKeySchema, cachePolicySchema, cacheSchema } from "./cache.js";
export type { Default } from "./default.js";
export { defaultSchema } from "./default.js";
export { environmentObjectSchema, environmentSchema } from "./environment.js";
export { filterRefsSchema, filterSchema } from "./filter.js";
export { hooksSchema } from "./hooks.js";
export { identitySchema, idTokensSchema } from "./id-tokens.js";
export { imageObjectSchema, imageSchema, pullPolicySchema } from "./image.js";
export {
  componentIncludeSchema,
  includeItemSchema,
  includeSchema,
  localIncludeSchema,
  projectIncludeSchema,
  remoteIncludeSchema,
  templateIncludeSchema,
} from "./include.js";
export { inheritableDefaultSchema, inheritSchema } from "./inherit.js";
export { inputDeclarationSchema, jobInputSchema, specInputSchema } from "./input-declaration.js";
export { inputValuesSchema } from "./inputs.js";
export type { Job, JobInput } from "./job.js";
export { jobObjectSchema, jobSchema, tagsSchema, timeoutSchema } from "./job.js";
export { jobNameSchema } from "./job-name.js";
export type { KanikoBuild, KanikoBuildInput } from "./kaniko-build.js";
export { kanikoBuildSchema, kanikoRegistryAuthSchema } from "./kaniko-build.js";
export type { KubernetesJob, KubernetesPipeline } from "./kubernetes.js";
export {
  kubernetesDefaultSchema,
  kubernetesJobSchema,
  kubernetesLabelsSchema,
  kubernetesNameSchema,
  kubernetesPipelineSchema,
  kubernetesResourcesSchema,
  kubernetesSecretsSchema,
  kubernetesTagSchema,
  kubernetesVariablesSchema,
  secretKeyRefSchema,
} from "./kubernetes.js";
export {
  localNeedSchema,
  needSchema,
  needsSchema,
  pipelineNeedSchema,
  projectNeedSchema,
  rulesNeedsSchema,
} from "./needs.js";
export { pagesSchema } from "./pages.js";
export { parallelMatrixSchema, parallelSchema } from "./parallel.js";
export type { Pipeline, PipelineInput } from "./pipeline-input.js";
export { pipelineInputSchema, pipelineSchema } from "./pipeline-input.js";
export type {
  BuiltinStageName,
  DefaultStageName,
  JobTemplate,
  NameCheckedKeyword,
  PipelineJob,
  PipelineJobRule,
  PipelineNeed,
  StageName,
  VisibleJobName,
} from "./pipeline-job.js";
export type { ReadonlyInput } from "./readonly-input.js";
export { referenceValueSchema } from "./reference-value.js";
export { releaseSchema } from "./release.js";
export { retrySchema, retryWhenSchema } from "./retry.js";
export {
  changesSchema,
  existsSchema,
  ifSchema,
  includeRulesSchema,
  jobRuleSchema,
  jobRulesSchema,
  ruleConditionsSchema,
} from "./rules.js";
export { optionalScriptSchema, scriptSchema } from "./script.js";
export { secretSchema, secretsSchema } from "./secrets.js";
export { serviceSchema, servicesSchema } from "./services.js";
export { specSchema } from "./spec.js";
export { stepReferenceSchema, stepSchema, stepsSchema } from "./steps.js";
export type { TopLevelKeyword } from "./top-level.js";
export { topLevelSchema } from "./top-level.js";
export {
  childTriggerSchema,
  projectTriggerSchema,
  triggerForwardSchema,
  triggerSchema,
} from "./trigger.js";
export { globalVariablesSchema, jobVariablesSchema, rulesVariablesSchema } from "./variables.js";
export { startInSchema, whenSchema } from "./when.js";
export { autoCancelSchema, workflowRuleSchema, workflowSchema } from "./workflow.js";
