// `pipecraft`: what a user writes `pipeline.ts` with, and the documented in-process functions.
// Each name is chosen, not re-exported wholesale from an inner package: the list is pinned by
// test/exports.test.ts, so widening it is a reviewed decision. The zod schemas are behind
// `pipecraft/schema` (src/schema.ts); what needs a cluster will get its own entry, so that loading
// `pipeline.ts` never loads a Kubernetes client.
//
// Two kinds of names (one list per package, as the formatter sorts them):
// - authoring: pipeline, extend, merge, reference, included, kaniko, and the types a template or a
//   generated job is written against (JobTemplate, PipelineJob, PipelineJobRule, …);
// - in process: what `pipecraft synth` runs, for a pipeline() value: validatePipeline and
//   formatDiagnostic, the targets synthGitlab, synthKubernetes and synthKaniko, parseGitlabYaml,
//   and emitYaml, the one YAML writer.
export type {
  Diagnostic,
  IncludedEntry,
  IncludeEntry,
  IncludeProvides,
  Job,
  JobInput,
  JobSelection,
  JobTemplate,
  KanikoBuildInput,
  Pipeline,
  PipelineDefinition,
  PipelineInput,
  PipelineJob,
  PipelineJobRule,
  PipelineNeed,
  PipelineOptions,
  SelectedJob,
  SelectionInput,
  StageName,
  SynthResult,
  ValidationResult,
} from "@pipecraft/core";
export {
  extend,
  formatDiagnostic,
  included,
  merge,
  pipeline,
  reference,
  selectJobs,
  validatePipeline,
} from "@pipecraft/core";
export type { EmitOptions, YamlValue } from "@pipecraft/emit";
export { emitYaml } from "@pipecraft/emit";
export type { SynthGitlabOptions } from "@pipecraft/gitlab";
export { parseGitlabYaml, synthGitlab } from "@pipecraft/gitlab";
export type {
  KanikoJob,
  KubernetesTargetOptions,
} from "@pipecraft/kubernetes";
export { kaniko, synthKaniko, synthKubernetes } from "@pipecraft/kubernetes";
