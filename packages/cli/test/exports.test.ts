// Pins what the published package offers: the names each entry exports, values and types. Adding
// or removing one is a change to these lists, reviewed as such, never a side effect of an edit in
// an inner package. Modelled on yaml's narrow `yaml` entry with its `yaml/util` subpath.
import { fileURLToPath } from "node:url";
import * as api from "pipecraft";
import * as schema from "pipecraft/schema";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every name `file` exports, types included: types leave no trace at run time, so the compiler
 * lists them (a few seconds: it loads the whole model).
 */
function exportedNames(file: string): string[] {
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ["pipecraft-source"],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const source = program.getSourceFile(file);
  const checker = program.getTypeChecker();
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${file}: not a module`);
  return checker
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort();
}

describe("pipecraft", () => {
  it("exports the authoring API and the documented in-process functions, by name", () => {
    expect(Object.keys(api).sort()).toEqual([
      "emitYaml",
      "extend",
      "formatDiagnostic",
      "included",
      "kaniko",
      "merge",
      "parseGitlabYaml",
      "pipeline",
      "reference",
      "selectJobs",
      "synthGitlab",
      "synthKaniko",
      "synthKubernetes",
      "validatePipeline",
    ]);
  });

  it("exports the types a pipeline, a template or an in-process caller is written with", () => {
    const file = fileURLToPath(new URL("../src/index.ts", import.meta.url));
    const types = exportedNames(file).filter((name) => !(name in api));
    expect(types).toEqual([
      "Diagnostic",
      "EmitOptions",
      "IncludeEntry",
      "IncludeProvides",
      "IncludedEntry",
      "Job",
      "JobInput",
      "JobSelection",
      "JobTemplate",
      "KanikoBuildInput",
      "KanikoJob",
      "KubernetesTargetOptions",
      "Pipeline",
      "PipelineDefinition",
      "PipelineInput",
      "PipelineJob",
      "PipelineJobRule",
      "PipelineNeed",
      "PipelineOptions",
      "SelectedJob",
      "SelectionInput",
      "StageName",
      "SynthGitlabOptions",
      "SynthResult",
      "ValidationResult",
      "YamlValue",
    ]);
  });
});

describe("pipecraft/schema", () => {
  it("exports the zod schemas of the model, and nothing else", () => {
    expect(Object.keys(schema).sort()).toEqual([
      "allowFailureSchema",
      "artifactsReportsSchema",
      "artifactsSchema",
      "autoCancelSchema",
      "cacheItemSchema",
      "cacheKeySchema",
      "cachePolicySchema",
      "cacheSchema",
      "changesSchema",
      "childTriggerSchema",
      "componentIncludeSchema",
      "defaultSchema",
      "environmentObjectSchema",
      "environmentSchema",
      "existsSchema",
      "filterRefsSchema",
      "filterSchema",
      "globalVariablesSchema",
      "hooksSchema",
      "idTokensSchema",
      "identitySchema",
      "ifSchema",
      "imageObjectSchema",
      "imageSchema",
      "includeItemSchema",
      "includeRulesSchema",
      "includeSchema",
      "inheritSchema",
      "inheritableDefaultSchema",
      "inputDeclarationSchema",
      "inputValuesSchema",
      "jobInputSchema",
      "jobNameSchema",
      "jobObjectSchema",
      "jobRuleSchema",
      "jobRulesSchema",
      "jobSchema",
      "jobVariablesSchema",
      "kanikoBuildSchema",
      "kanikoRegistryAuthSchema",
      "kubernetesDefaultSchema",
      "kubernetesJobSchema",
      "kubernetesLabelsSchema",
      "kubernetesNameSchema",
      "kubernetesPipelineSchema",
      "kubernetesResourcesSchema",
      "kubernetesSecretsSchema",
      "kubernetesTagSchema",
      "kubernetesVariablesSchema",
      "localIncludeSchema",
      "localNeedSchema",
      "needSchema",
      "needsSchema",
      "optionalScriptSchema",
      "pagesSchema",
      "parallelMatrixSchema",
      "parallelSchema",
      "pipelineInputSchema",
      "pipelineNeedSchema",
      "pipelineSchema",
      "projectIncludeSchema",
      "projectNeedSchema",
      "projectTriggerSchema",
      "pullPolicySchema",
      "referenceValueSchema",
      "releaseSchema",
      "remoteIncludeSchema",
      "retrySchema",
      "retryWhenSchema",
      "ruleConditionsSchema",
      "rulesNeedsSchema",
      "rulesVariablesSchema",
      "scriptSchema",
      "secretKeyRefSchema",
      "secretSchema",
      "secretsSchema",
      "serviceSchema",
      "servicesSchema",
      "specInputSchema",
      "specSchema",
      "startInSchema",
      "stepReferenceSchema",
      "stepSchema",
      "stepsSchema",
      "tagsSchema",
      "templateIncludeSchema",
      "timeoutSchema",
      "topLevelSchema",
      "triggerForwardSchema",
      "triggerSchema",
      "whenSchema",
      "workflowRuleSchema",
      "workflowSchema",
    ]);
  });
});

describe("pipecraft/runtime", () => {
  it("exports what running a pipeline on a cluster needs, by name", async () => {
    const runtime = await import("pipecraft/runtime");
    expect(Object.keys(runtime).sort()).toEqual([
      "ClusterError",
      "DEFAULT_RATE_LIMIT",
      "applyObjects",
      "loadKubeConfig",
      "newRunId",
      "pipelineStatus",
      "planRun",
      "runEventSchema",
      "runPipeline",
      "schedule",
      "textLines",
      "withRateLimit",
    ]);
    const file = fileURLToPath(new URL("../src/runtime.ts", import.meta.url));
    expect(exportedNames(file).filter((name) => !(name in runtime))).toEqual([
      "AllowFailure",
      "AppliedObject",
      "ApplyOptions",
      "ClusterConfig",
      "JobState",
      "JobStatus",
      "JobSummary",
      "NotRunJob",
      "PipelineStatus",
      "PlanRunOptions",
      "PlanSources",
      "PlannedJob",
      "PlannedRun",
      "PlannedWhen",
      "RateLimit",
      "ReportedStatus",
      "RunEvent",
      "RunObjects",
      "RunPipelineOptions",
      "RunPlan",
      "RunResult",
      "RunSources",
      "ScheduleAction",
    ]);
  });
});

describe("pipecraft/kubernetes-types", () => {
  it("exports only types: the Kubernetes API shapes, equal to @kubernetes/client-node's", async () => {
    const values = await import("pipecraft/kubernetes-types");
    expect(Object.keys(values)).toEqual([]);
    const file = fileURLToPath(new URL("../src/kubernetes-types.ts", import.meta.url));
    const names = exportedNames(file);
    // A sample: what `kubernetes:` blocks accept, and what the targets emit.
    for (const name of ["V1Toleration", "V1Affinity", "V1SecurityContext", "V1Volume", "V1Job"]) {
      expect(names).toContain(name);
    }
    expect(names.every((name) => /^(V1|Core|IntOrString$|Kubernetes)/.test(name))).toBe(true);
  });
});
