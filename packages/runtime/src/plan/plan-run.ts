// A run's plan and its Kubernetes objects, from a validated pipeline: GitLab's job selection
// (core's selectJobs) decides which jobs exist and how they start; the Kubernetes target
// (toKubernetesManifests, pure) writes the Jobs; this module gives them the run's names, suspends
// them and resolves `needs` to the run's jobs. Pure: no cluster, no clock, no environment.
import type { V1EnvVar, V1Job, V1PersistentVolumeClaim } from "@kubernetes/client-node";
import {
  type Diagnostic,
  type Job,
  matrixCombinations,
  normalizePipeline,
  type Pipeline,
  parallelJobNames,
  parseDuration,
  type SelectedJob,
  selectJobs,
} from "@pipecraft/core";
import { type KubernetesJobManifest, toKubernetesManifests } from "@pipecraft/kubernetes";
import { isSshUrl, withoutCredentials } from "./repository-url.js";
import { runObjectName } from "./run-names.js";
import type { NotRunJob, PlannedJob, PlannedWhen, RunPlan } from "./run-plan.js";
import { type RunSources, SOURCES_JOB, SOURCES_STAGE } from "./run-sources.js";
import { DEFAULT_GIT_IMAGE, gitSettings, gitStrategy, sourcesJob } from "./sources-job.js";

/** What a run is made from besides the pipeline. */
export type PlanRunOptions = {
  /** Prefix of every object name (the pipeline's name). */
  readonly name: string;
  readonly namespace: string;
  readonly runId: string;
  /** `--var NAME=VALUE`: the highest precedence, for rules and in every job's environment. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Predefined variables (CI_COMMIT_BRANCH …), the lowest precedence. */
  readonly predefined?: Readonly<Record<string, string>>;
  /** `--manual NAME`: the manual jobs to play. */
  readonly play?: readonly string[];
  /** `--all-manual`: play every manual job of the run (on top of `play`). */
  readonly playAll?: boolean;
  /** Where the workspace's files come from; default none (the workspace starts empty). */
  readonly sources?: PlanSources;
};

/**
 * `--source`: `git` adds the sources job, which fetches CI_REPOSITORY_URL at CI_COMMIT_SHA (both
 * from the run's variables) with `image` (DEFAULT_GIT_IMAGE), logged in with the Secret
 * `credentialsSecret` (keys `username` and `password` for HTTP, `ssh-privatekey` and `known_hosts`
 * for an SSH URL, which needs one); `local` and `none` add no job.
 */
export type PlanSources =
  | { readonly kind: "none" | "local" }
  | { readonly kind: "git"; readonly image?: string; readonly credentialsSecret?: string };

/** The objects a run creates: its workspace claim and one suspended Job per planned job. */
export type RunObjects = {
  readonly workspace: V1PersistentVolumeClaim;
  /** Keyed by the planned job's name. */
  readonly jobs: ReadonlyMap<string, V1Job>;
};

/** A planned run, or why it cannot run (`problems`: one line each). */
export type PlannedRun = {
  readonly plan?: RunPlan;
  readonly objects?: RunObjects;
  /** The target's diagnostics (warnings: keywords with no Kubernetes meaning …). */
  readonly diagnostics: readonly Diagnostic[];
  readonly problems: readonly string[];
  /** `--manual` names that are no manual job of the run: a mistake in the command line. */
  readonly unknownManual: readonly string[];
};

const TRIGGER_REASON = "a trigger job starts another pipeline, which pipecraft run does not do";

/**
 * Plans a run of `pipeline`: the jobs GitLab would create for the given variables, with the
 * run's names, each Job suspended until the scheduler releases it.
 * @example planRun(pipeline, { name: "shop", namespace: "ci", runId: newRunId(Date.now(), Math.random) })
 */
export function planRun(pipeline: Pipeline, options: PlanRunOptions): PlannedRun {
  const { name, namespace, runId } = options;
  const expanded = normalizePipeline(pipeline);
  const selection = selectJobs(expanded, {
    variables: options.variables ?? {},
    predefined: runPredefined(options.predefined ?? {}, runId),
  });
  const problems = selection.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => `${d.path}: ${d.message}`);
  if (!selection.runs) {
    problems.push("workflow:rules: the pipeline does not run for these variables");
  }
  // Where each Job mounts the workspace is written into it from the pipeline's variables.
  if (options.variables?.GIT_CLONE_PATH !== undefined) {
    problems.push(
      "--var GIT_CLONE_PATH: a job's clone path is where its Job mounts the workspace, written from the pipeline's variables; set GIT_CLONE_PATH in the pipeline's (or the job's) variables instead",
    );
  }
  const manifests = toKubernetesManifests(pipeline, { name, namespace, runId });
  // The target warns that it does not evaluate rules; a run does (with selectJobs, above).
  const diagnostics = manifests.diagnostics.filter((d) => !evaluatedHere(d));
  if (problems.length > 0 || diagnostics.some((d) => d.severity === "error")) {
    return { diagnostics, problems, unknownManual: [] };
  }

  const units: { manifest: KubernetesJobManifest; selected: SelectedJob }[] = [];
  for (const manifest of manifests.jobs) {
    const selected =
      selection.jobs.find((job) => job.name === manifest.ciName) ??
      selection.jobs.find((job) => job.job === manifest.jobName);
    if (selected !== undefined) units.push({ manifest, selected });
  }
  const notRun: NotRunJob[] = selection.jobs
    .filter((job) => expanded.jobs[job.job]?.trigger !== undefined)
    .map((job) => ({ name: job.name, stage: job.stage, reason: TRIGGER_REASON }));

  const renamed = new Map<string, string>();
  for (const { manifest } of units) {
    const target = manifest.job.metadata?.name ?? "";
    renamed.set(target, runObjectName(name, runId, target));
  }
  problems.push(
    ...nameCollisions(
      units.map((u) => u.manifest.ciName),
      renamed,
    ),
  );

  const git = options.sources?.kind === "git";
  const jobs: PlannedJob[] = [];
  const objects = new Map<string, V1Job>();
  for (const { manifest, selected } of units) {
    const needs = resolveNeeds(selected, units, notRun, problems);
    const strategy = git ? gitStrategy(selected.variables) : undefined;
    if (strategy !== undefined && "problem" in strategy) {
      problems.push(`jobs.${selected.job}.variables: ${strategy.problem}`);
    }
    const startIn = selected.startIn === undefined ? undefined : parseDuration(selected.startIn);
    const annotations = manifest.job.metadata?.annotations ?? {};
    const resourceGroup = annotations["pipecraft.dev/resource-group"];
    const kaniko = expanded.jobs[selected.job]?.kubernetes?.kaniko !== undefined;
    const planned: PlannedJob = {
      name: manifest.ciName,
      job: manifest.jobName,
      objectName: renamed.get(manifest.job.metadata?.name ?? "") ?? "",
      stage: selected.stage,
      stageIndex: Number(annotations["pipecraft.dev/stage-index"] ?? "0"),
      when: selected.when as PlannedWhen,
      allowFailure: selected.allowFailure,
      ...(startIn === undefined ? {} : { startInSeconds: startIn }),
      ...(resourceGroup === undefined ? {} : { resourceGroup }),
      ...(needs === undefined ? {} : { needs }),
      ...(kaniko ? { role: "kaniko" as const } : {}),
      ...(strategy !== undefined && "strategy" in strategy && withoutSources(strategy.strategy)
        ? { withoutSources: true }
        : {}),
    };
    jobs.push(planned);
    objects.set(planned.name, runJob(manifest.job, planned, renamed, options.variables ?? {}));
  }
  const named = options.play ?? [];
  const unknownManual = unknownManualJobs(jobs, named);
  const play =
    options.playAll === true
      ? jobs.filter((job) => job.when === "manual").map((job) => job.name)
      : named;
  const claim = runObjectName(name, runId, manifests.workspace.metadata?.name ?? "");
  const created: [string, V1Job][] = [];
  let sources: RunSources = { kind: options.sources?.kind === "local" ? "local" : "none" };
  if (options.sources?.kind === "git") {
    const fetched = gitSources(options.sources, {
      name,
      namespace,
      runId,
      claim,
      jobs,
      variables: selection.variables,
      template: manifests.jobs[0]?.job,
    });
    if ("problems" in fetched) problems.push(...fetched.problems);
    else {
      sources = fetched.sources;
      if (fetched.job !== undefined) jobs.unshift(fetched.job.planned);
      if (fetched.job !== undefined) created.push([fetched.job.planned.name, fetched.job.object]);
    }
  }
  if (problems.length > 0 || unknownManual.length > 0) {
    return { diagnostics, problems, unknownManual };
  }
  return {
    plan: { pipeline: name, runId, namespace, jobs, notRun, play, sources },
    objects: {
      workspace: {
        ...manifests.workspace,
        metadata: { ...manifests.workspace.metadata, name: claim, namespace },
      },
      jobs: new Map(
        [...created, ...objects].map(([job, object]) => [job, withClaim(object, claim)]),
      ),
    },
    diagnostics,
    problems,
    unknownManual,
  };
}

function withoutSources(strategy: string): boolean {
  return strategy === "none" || strategy === "empty";
}

type GitContext = {
  readonly name: string;
  readonly namespace: string;
  readonly runId: string;
  readonly claim: string;
  readonly jobs: readonly PlannedJob[];
  /** The pipeline's variables (predefined < top-level < workflow < the run's). */
  readonly variables: Readonly<Record<string, string>>;
  /** A Job of the run: its labels and workspace mount are the sources job's too. */
  readonly template: V1Job | undefined;
};

// `--source git`: the sources job, first in the plan, unless no job needs the sources.
function gitSources(
  options: Extract<PlanSources, { kind: "git" }>,
  context: GitContext,
): { problems: string[] } | { sources: RunSources; job?: { planned: PlannedJob; object: V1Job } } {
  const { variables } = context;
  const problems: string[] = [];
  const url = withoutCredentials(variables.CI_REPOSITORY_URL ?? "");
  const commit = variables.CI_COMMIT_SHA ?? "";
  if (url === "") {
    problems.push(
      "--source git fetches CI_REPOSITORY_URL, and it is not set (this repository has no remote origin); pass --var CI_REPOSITORY_URL=URL, or use --source local or none",
    );
  }
  if (commit === "") {
    problems.push(
      "--source git fetches CI_COMMIT_SHA, and it is not set (the pipeline file is not in a git repository with a commit); pass --var CI_COMMIT_SHA=SHA, or use --source local or none",
    );
  }
  const needed = context.jobs.some((job) => job.withoutSources !== true);
  if (needed && isSshUrl(url) && options.credentialsSecret === undefined) {
    problems.push(
      `--source git fetches CI_REPOSITORY_URL ${url}, an SSH remote, and SSH needs a key; pass --git-credentials SECRET (a kubernetes.io/ssh-auth Secret with the keys ssh-privatekey and known_hosts), or an HTTPS URL with --var CI_REPOSITORY_URL=https://...`,
    );
  }
  const settings = gitSettings(variables);
  if ("problems" in settings) problems.push(...settings.problems.map((p) => `variables: ${p}`));
  const objectName = runObjectName(context.name, context.runId, `${context.name}-${SOURCES_JOB}`);
  // `Sources` or `sources!` would become the same Kubernetes Job.
  if (context.jobs.some((job) => job.name === SOURCES_JOB || job.objectName === objectName)) {
    problems.push(
      `--source git adds a job named "${SOURCES_JOB}", and the pipeline has one; rename that job, or use --source local or none`,
    );
  }
  if (problems.length > 0 || "problems" in settings) return { problems };
  if (!needed) return { sources: { kind: "git", url, commit } };
  const planned: PlannedJob = {
    name: SOURCES_JOB,
    job: SOURCES_JOB,
    objectName,
    stage: SOURCES_STAGE,
    stageIndex: -1,
    when: "on_success",
    allowFailure: false,
    needs: [],
    role: "sources",
  };
  const template = context.template;
  const labels = Object.fromEntries(
    Object.entries(template?.metadata?.labels ?? {}).filter(([key]) => RUN_LABELS.includes(key)),
  );
  const mount = template?.spec?.template.spec?.containers[0]?.volumeMounts?.find(
    (volume) => volume.name === "workspace",
  );
  const tag = variables.CI_COMMIT_TAG;
  const branch = variables.CI_COMMIT_BRANCH;
  const ref =
    tag !== undefined && tag !== ""
      ? `refs/tags/${tag}`
      : branch !== undefined && branch !== ""
        ? `refs/heads/${branch}`
        : undefined;
  const object = sourcesJob({
    objectName: planned.objectName,
    namespace: context.namespace,
    labels,
    projectDir: mount?.mountPath ?? `/builds/${context.name}`,
    claimName: context.claim,
    url,
    commit,
    ...(ref === undefined ? {} : { ref }),
    git: settings.settings,
    image: options.image ?? DEFAULT_GIT_IMAGE,
    ...(options.credentialsSecret === undefined
      ? {}
      : { credentialsSecret: options.credentialsSecret }),
  });
  return { sources: { kind: "git", url, commit, job: SOURCES_JOB }, job: { planned, object } };
}

const RUN_LABELS = [
  "app.kubernetes.io/managed-by",
  "pipecraft.dev/pipeline",
  "pipecraft.dev/run-id",
];

const EVALUATED = /^(workflow|jobs.+\.(rules|only|except))$/;

function evaluatedHere(diagnostic: Diagnostic): boolean {
  return diagnostic.code === "kubernetes/skipped-keyword" && EVALUATED.test(diagnostic.path);
}

// A run is a push pipeline of its branch; without a branch or tag (no git repository) it is a
// push to CI_DEFAULT_BRANCH, else `main`, so that jobs without rules run as they would there.
function runPredefined(
  given: Readonly<Record<string, string>>,
  runId: string,
): Record<string, string> {
  const ref = given.CI_COMMIT_TAG ?? given.CI_COMMIT_BRANCH;
  const branch = given.CI_DEFAULT_BRANCH ?? "main";
  return {
    CI_PIPELINE_SOURCE: "push",
    ...(ref === undefined ? { CI_COMMIT_BRANCH: branch, CI_COMMIT_REF_NAME: branch } : {}),
    ...given,
    CI_PIPELINE_ID: runId,
  };
}

// The Job as the run creates it: its run name, suspended, `needs` annotated with run names,
// the `--var` values in every container's environment.
function runJob(
  job: V1Job,
  planned: PlannedJob,
  renamed: ReadonlyMap<string, string>,
  variables: Readonly<Record<string, string>>,
): V1Job {
  const annotations = { ...job.metadata?.annotations };
  const needs = annotations["pipecraft.dev/needs"];
  if (needs !== undefined) {
    const names = JSON.parse(needs) as string[];
    annotations["pipecraft.dev/needs"] = JSON.stringify(names.map((n) => renamed.get(n) ?? n));
  }
  const template = job.spec?.template;
  const extra: V1EnvVar[] = Object.entries(variables).map(([name, value]) => ({ name, value }));
  const containers = (template?.spec?.containers ?? []).map((container) => ({
    ...container,
    env: [...(container.env ?? []).filter((env) => !Object.hasOwn(variables, env.name)), ...extra],
  }));
  return {
    ...job,
    metadata: { ...job.metadata, name: planned.objectName, annotations },
    spec: {
      ...job.spec,
      suspend: true,
      template: { ...template, spec: { ...template?.spec, containers } },
    },
  } as V1Job;
}

function withClaim(job: V1Job, claim: string): V1Job {
  const spec = job.spec?.template.spec;
  if (spec === undefined) return job;
  const volumes = spec.volumes?.map((volume) =>
    volume.persistentVolumeClaim === undefined
      ? volume
      : { ...volume, persistentVolumeClaim: { ...volume.persistentVolumeClaim, claimName: claim } },
  );
  return {
    ...job,
    spec: {
      ...job.spec,
      template: { ...job.spec?.template, spec: { ...spec, volumes } },
    },
  } as V1Job;
}

type Unit = { manifest: KubernetesJobManifest; selected: SelectedJob };

// `needs` as names of planned jobs: a job's every instance (matrix combinations), or with
// `parallel: { matrix }` only the listed ones. A need of a job that is not created is a problem
// (GitLab refuses to create such a pipeline) unless it is `optional`; needs of trigger jobs
// (not run) and of other pipelines or projects are left out.
function resolveNeeds(
  selected: SelectedJob,
  units: readonly Unit[],
  notRun: readonly NotRunJob[],
  problems: string[],
): string[] | undefined {
  const needs = selected.needs;
  if (needs === undefined) return undefined;
  if (!Array.isArray(needs)) {
    problems.push(`jobs.${selected.job}.needs: an unresolved !reference`);
    return [];
  }
  const names: string[] = [];
  for (const entry of needs as readonly unknown[]) {
    const need = localNeed(entry);
    if (need === undefined) continue;
    const instances = units.filter((unit) => unit.manifest.jobName === need.job);
    if (instances.length === 0) {
      const triggered = notRun.some((job) => job.name === need.job);
      if (!need.optional && !triggered) {
        problems.push(
          `"${selected.name}" needs "${need.job}", which is not in this run (its rules leave it out); make the need optional: true or fix the rules`,
        );
      }
      continue;
    }
    const wanted =
      need.matrix === undefined
        ? undefined
        : new Set(parallelJobNames(need.job, { matrix: need.matrix } as Job["parallel"]));
    for (const unit of instances) {
      if (wanted === undefined || wanted.has(unit.manifest.ciName)) {
        names.push(unit.manifest.ciName);
      }
    }
  }
  return [...new Set(names)];
}

type LocalNeed = { job: string; optional: boolean; matrix?: Record<string, unknown>[] };

function localNeed(entry: unknown): LocalNeed | undefined {
  if (typeof entry === "string") return { job: entry, optional: false };
  if (typeof entry !== "object" || entry === null) return undefined;
  const fields = entry as Record<string, unknown>;
  if ("project" in fields || "pipeline" in fields || typeof fields.job !== "string") {
    return undefined;
  }
  const parallel = fields.parallel as { matrix?: Record<string, unknown>[] } | undefined;
  const matrix = parallel?.matrix;
  return {
    job: fields.job,
    optional: fields.optional === true,
    ...(matrix === undefined || matrixCombinations(matrix).length === 0 ? {} : { matrix }),
  };
}

function nameCollisions(ciNames: readonly string[], renamed: ReadonlyMap<string, string>) {
  const seen = new Map<string, number>();
  for (const name of renamed.values()) seen.set(name, (seen.get(name) ?? 0) + 1);
  return [...seen]
    .filter(([, count]) => count > 1)
    .map(
      ([object]) =>
        `two jobs of the run (${ciNames.length} in all) become the Kubernetes Job "${object}" once the run id is added; use a shorter --run-id or shorter job names`,
    );
}

/** `--manual` names that are no manual job of the run (a job's name or its key in `jobs`). */
function unknownManualJobs(jobs: readonly PlannedJob[], play: readonly string[]): string[] {
  const manual = jobs.filter((job) => job.when === "manual");
  return play
    .filter((name) => !manual.some((job) => job.name === name || job.job === name))
    .map((name) => {
      const list = manual.map((job) => job.name).join(", ");
      return `--manual ${name}: no manual job of that name in this run (${list === "" ? "it has no manual jobs" : `manual jobs: ${list}`})`;
    });
}
