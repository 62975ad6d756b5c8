import {
  type Diagnostic,
  errorDiagnostic,
  formatPath,
  type Job,
  type JobNode,
  jobGraph,
  jobVariables,
  jobWithDefaults,
  normalizePipeline,
  type Pipeline,
} from "@pipecraft/core";
import type { V1Job, V1PersistentVolumeClaim } from "@pipecraft/core/kubernetes-types";
import { clonePath } from "./clone-path.js";
import { dotenvReports, dotenvSources } from "./dotenv-sources.js";
import { jobAnnotations } from "./job-annotations.js";
import { jobEnvironment } from "./job-environment.js";
import { type JobInstance, jobInstances } from "./job-instances.js";
import { jobManifest } from "./job-manifest.js";
import { jobRelease, RELEASE_ANNOTATION } from "./job-release.js";
import { kubernetesLiteral } from "./kubernetes-env-value.js";
import { neededJobs } from "./needed-jobs.js";
import { predefinedVariables } from "./predefined-variables.js";
import { runSettings } from "./run-settings.js";
import { needsNotCreated, selectedPipeline } from "./selected-pipeline.js";
import { withoutSkippedJobs } from "./skipped-jobs.js";
import { skippedKeywords, skippedPipelineKeywords } from "./skipped-keywords.js";
import type { KubernetesTargetOptions } from "./target-options.js";
import { workspaceClaim } from "./workspace-claim.js";

/** One Job of the run and the CI job it came from. */
export type KubernetesJobManifest = {
  /** The name GitLab would show (`build: [linux]`). */
  readonly ciName: string;
  /** The CI job's key in `jobs`. */
  readonly jobName: string;
  /** True for a `kaniko.build()` job. */
  readonly imageBuild: boolean;
  readonly job: V1Job;
};

/** The Kubernetes form of a pipeline: the run's workspace claim and one Job per CI job (or matrix combination). */
export type KubernetesManifests = {
  readonly workspace: V1PersistentVolumeClaim;
  readonly jobs: readonly KubernetesJobManifest[];
  /** Errors (then the manifests must not be used) and warnings (keywords skipped …). */
  readonly diagnostics: readonly Diagnostic[];
};

/**
 * The manifests for a validated pipeline: pure, deterministic (same pipeline and options, same
 * objects). Jobs come in declaration order. With `options.selection`, only the jobs it creates,
 * as its rules made them. A Job that must not start on its own (manual, delayed, on_failure, or
 * waiting for other Jobs) is suspended, its reason in annotation `pipecraft.dev/release`.
 * @example toKubernetesManifests(validatePipeline(definition).pipeline!, { name: "shop" })
 */
export function toKubernetesManifests(
  pipeline: Pipeline,
  options: KubernetesTargetOptions = {},
): KubernetesManifests {
  const settings = runSettings(pipeline, options);
  const kept = withoutSkippedJobs(normalizePipeline(pipeline));
  const normalized = kept.pipeline;
  const selected =
    options.selection === undefined ? undefined : selectedPipeline(normalized, options.selection);
  const expanded = selected?.pipeline ?? normalized;
  const graph = jobGraph(expanded);
  const diagnostics: Diagnostic[] = [
    ...kept.diagnostics,
    ...(selected?.diagnostics ?? []),
    ...(selected === undefined ? [] : needsNotCreated(graph, normalized, expanded)),
    ...skippedPipelineKeywords(expanded),
  ];

  type Planned = { name: string; job: Job; instances: JobInstance[]; node: JobNode };
  const planned: Planned[] = [];
  for (const node of graph.jobs) {
    const written = expanded.jobs[node.name];
    if (written === undefined) continue;
    const job = jobWithDefaults(expanded, written);
    const path = ["jobs", node.name];
    diagnostics.push(...skippedKeywords(job, path));
    if (job.trigger !== undefined) continue;
    const instances = jobInstances(settings.name, node.name, job).filter(
      (instance) =>
        selected === undefined ||
        instance.matrix === undefined ||
        selected.instanceNames.has(instance.ciName),
    );
    planned.push({ name: node.name, job, instances, node });
  }
  diagnostics.push(
    ...nameCollisions(
      planned.flatMap((p) => p.instances.map((i) => ({ job: p.name, instance: i }))),
    ),
  );

  const instancesOf = new Map(planned.map((p) => [p.name, p.instances]));
  const dotenvOf = new Map(
    planned.flatMap((p): [string, string[]][] => {
      const reports = dotenvReports(p.job);
      return reports.length === 0 ? [] : [[p.name, reports]];
    }),
  );
  const jobs: KubernetesJobManifest[] = [];
  for (const { name, job, instances, node } of planned) {
    const { stage, stageIndex } = node;
    const needs = node.needs?.flatMap((need) =>
      neededJobs(job, need, instancesOf.get(need.job) ?? []),
    );
    const release = jobRelease(
      job,
      {
        needs: needs !== undefined && needs.length > 0,
        earlierStages:
          needs === undefined &&
          planned.some((p) => p.node.stageIndex < stageIndex && p.instances.length > 0),
      },
      selected !== undefined,
    );
    const releaseAnnotation: Record<string, string> =
      release === undefined ? {} : { [RELEASE_ANNOTATION]: release };
    const path = ["jobs", name];
    const ciVariables = jobVariables(expanded, job);
    const located = withPaths(ciVariables, job, path);
    const dotenv = dotenvSources(node, job, graph.jobs, dotenvOf);
    const kubernetesVariables = { ...settings.variables, ...job.kubernetes?.variables };
    const secrets = { ...settings.secrets, ...job.kubernetes?.secrets };
    diagnostics.push(...secretsWithLiterals(kubernetesVariables, secrets, job, path));
    for (const instance of instances) {
      // The values GitLab itself substitutes into image and service names.
      const variables = new Map<string, string>([
        ...Object.entries(kubernetesVariables),
        ...[...ciVariables].map(([n, v]): [string, string] => [n, v.value]),
        ...(instance.matrix ?? []),
      ]);
      // GIT_CLONE_PATH: this job mounts the workspace, and runs, where GitLab would clone it.
      const clone = clonePath({
        value: variables.get("GIT_CLONE_PATH"),
        expand: ciVariables.get("GIT_CLONE_PATH")?.expand ?? true,
        variables,
        projectName: settings.name,
        path: located.get("GIT_CLONE_PATH")?.path ?? [...path, "variables", "GIT_CLONE_PATH"],
      });
      if ("diagnostic" in clone) diagnostics.push(clone.diagnostic);
      const jobSettings =
        "projectDir" in clone && clone.projectDir !== undefined
          ? { ...settings, projectDir: clone.projectDir }
          : settings;
      const environment = jobEnvironment({
        predefined: [
          ...predefinedVariables(jobSettings, instance, stage, job.kubernetes?.variables),
          ...(dotenv.length === 0
            ? []
            : [{ name: "PIPECRAFT_DOTENV", value: kubernetesLiteral(dotenv.join(" ")) }]),
        ],
        secrets,
        variables: located,
        matrix: instance.matrix,
        path,
      });
      diagnostics.push(...environment.diagnostics);
      const manifest = jobManifest({
        settings: jobSettings,
        job,
        instance,
        env: environment.env,
        variables,
        stage,
        annotations: {
          ...jobAnnotations({ ciName: instance.ciName, stage, stageIndex, needs }, job),
          ...releaseAnnotation,
        },
        suspend: release !== undefined,
        path,
      });
      diagnostics.push(...manifest.diagnostics);
      jobs.push({
        ciName: instance.ciName,
        jobName: name,
        imageBuild: job.kubernetes?.kaniko !== undefined,
        job: manifest.job,
      });
    }
  }
  return {
    workspace: workspaceClaim(settings),
    jobs,
    diagnostics: distinct(
      options.strict ? diagnostics.map((d) => ({ ...d, severity: "error" as const })) : diagnostics,
    ),
  };
}

function withPaths(
  variables: ReturnType<typeof jobVariables>,
  job: Job,
  path: readonly (string | number)[],
) {
  const own = typeof job.variables === "object" && job.variables !== null ? job.variables : {};
  return new Map(
    [...variables].map(([name, variable]) => [
      name,
      {
        ...variable,
        path: Object.hasOwn(own, name) ? [...path, "variables", name] : ["variables", name],
      },
    ]),
  );
}

// A name in kubernetes.variables and in kubernetes.secrets would put the literal into the
// Job (image names are expanded from it) while the container gets the Secret: which one the
// user meant is unknown, so it is an error at the literal.
function secretsWithLiterals(
  variables: Readonly<Record<string, string>>,
  secrets: Readonly<Record<string, unknown>>,
  job: Job,
  path: readonly (string | number)[],
): Diagnostic[] {
  return Object.keys(variables)
    .filter((name) => Object.hasOwn(secrets, name))
    .map((name) => {
      const own = job.kubernetes?.variables;
      const at =
        own !== undefined && Object.hasOwn(own, name)
          ? [...path, "kubernetes", "variables", name]
          : ["kubernetes", "variables", name];
      return errorDiagnostic(
        "kubernetes/secret-variable-clash",
        formatPath(at),
        `${name} is a secret (kubernetes.secrets), so it cannot also have a literal value in kubernetes.variables; remove one of the two`,
      );
    });
}

// Names are cut to 63 characters and lose punctuation, so two jobs can end up with one name;
// Kubernetes would silently keep only one of them.
function nameCollisions(
  instances: readonly { job: string; instance: JobInstance }[],
): Diagnostic[] {
  const seen = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const { job, instance } of instances) {
    const earlier = seen.get(instance.objectName);
    if (earlier === undefined) {
      seen.set(instance.objectName, instance.ciName);
      continue;
    }
    diagnostics.push(
      errorDiagnostic(
        "kubernetes/name-collision",
        formatPath(["jobs", job]),
        `"${instance.ciName}" and "${earlier}" both become the Kubernetes Job "${instance.objectName}"; rename one of them`,
      ),
    );
  }
  return diagnostics;
}

// A matrix repeats a job's problems once per combination: each is reported once.
function distinct(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.severity}\u0000${d.path}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
