import {
  type Diagnostic,
  errorDiagnostic,
  formatPath,
  type Job,
  mergeSecurityContexts,
  parseDuration,
} from "@pipecraft/core";
import type {
  V1Container,
  V1EnvVar,
  V1Job,
  V1PodSpec,
  V1Volume,
} from "@pipecraft/core/kubernetes-types";
import { expandVariables } from "./expand-variables.js";
import { imagePullPolicy } from "./image-pull-policy.js";
import type { JobInstance } from "./job-instances.js";
import { kanikoContainer } from "./kaniko/kaniko-container.js";
import { kubernetesLiteral } from "./kubernetes-env-value.js";
import { jobLabels } from "./object-labels.js";
import { plainValue } from "./plain-value.js";
import { resourceRequirements } from "./resource-requirements.js";
import { retryFields } from "./retry-policy.js";
import type { RunSettings } from "./run-settings.js";
import { jobCommand } from "./script-command.js";
import {
  containerSecurityDefaults,
  imageUser,
  nonEmpty,
  podSecurityDefaults,
} from "./security-context.js";
import { serviceSidecars } from "./service-sidecars.js";
import { tagScheduling } from "./tag-scheduling.js";
import { WORKSPACE_VOLUME } from "./workspace-claim.js";

/** The name of the container that runs a job's script. */
export const JOB_CONTAINER = "job";

/** Everything one Job is made from. */
export type JobManifestInput = {
  readonly settings: RunSettings;
  /** The CI job with templates and `default` applied. */
  readonly job: Job;
  readonly instance: JobInstance;
  readonly env: readonly V1EnvVar[];
  /** Plain variable values (no secrets), for what GitLab expands itself: image and service names. */
  readonly variables: ReadonlyMap<string, string>;
  readonly stage: string;
  /** Annotations the run needs (stage order, needs, when …), `pipecraft.dev/…`. */
  readonly annotations: Readonly<Record<string, string>>;
  /** Created with `spec.suspend: true`: the Job must wait for the runtime to release it. */
  readonly suspend?: boolean;
  readonly path: readonly (string | number)[];
};

/** One CI job (or one matrix combination of it) as a `batch/v1` Job. */
export function jobManifest(input: JobManifestInput): { job: V1Job; diagnostics: Diagnostic[] } {
  const { settings, job, instance, path } = input;
  const diagnostics: Diagnostic[] = [];
  const block = job.kubernetes ?? {};
  const labels = { ...block.labels, ...jobLabels(settings, instance.objectName, input.stage) };
  const annotations = { ...block.annotations, ...input.annotations };

  const level = block.podSecurity ?? "baseline";
  if (level === "restricted" && block.kaniko !== undefined) {
    diagnostics.push(
      errorDiagnostic(
        "kubernetes/restricted-kaniko",
        formatPath([...path, "kubernetes", "podSecurity"]),
        'a Kaniko build runs as root with capabilities, which "restricted" forbids; remove podSecurity: "restricted" from this job (or from default.kubernetes with podSecurity: "baseline" here)',
      ),
    );
  }
  const main = mainContainer(input, diagnostics);
  const pod: V1PodSpec = {
    restartPolicy: "Never",
    automountServiceAccountToken:
      block.automountServiceAccountToken ?? block.serviceAccountName !== undefined,
    ...(block.serviceAccountName === undefined
      ? {}
      : { serviceAccountName: block.serviceAccountName }),
    securityContext: mergeSecurityContexts(podSecurityDefaults(level), block.podSecurityContext),
    containers: [main.container],
    volumes: [
      { name: WORKSPACE_VOLUME, persistentVolumeClaim: { claimName: settings.workspaceClaim } },
      ...main.volumes,
      ...(block.volumes ?? []),
    ],
  };
  const scheduling = tagScheduling(job.tags, settings.tags, [...path, "tags"]);
  diagnostics.push(...scheduling.diagnostics);
  const nodeSelector = { ...scheduling.nodeSelector, ...block.nodeSelector };
  if (Object.keys(nodeSelector).length > 0) pod.nodeSelector = nodeSelector;
  const tolerations = [...scheduling.tolerations, ...(block.tolerations ?? [])];
  if (tolerations.length > 0) pod.tolerations = tolerations;
  const affinity = block.affinity ?? scheduling.affinity;
  if (affinity !== undefined) pod.affinity = affinity;
  if (block.imagePullSecrets !== undefined)
    pod.imagePullSecrets = block.imagePullSecrets.map((name) => ({ name }));

  if (block.kaniko === undefined) {
    const sidecars = serviceSidecars(
      job.services,
      input.variables,
      input.env,
      nonEmpty(
        mergeSecurityContexts(containerSecurityDefaults(level), block.servicesSecurityContext),
      ),
      [...path, "services"],
      [JOB_CONTAINER],
    );
    diagnostics.push(...sidecars.diagnostics);
    if (sidecars.containers.length > 0) pod.initContainers = sidecars.containers;
    if (sidecars.hostnames.length > 0)
      pod.hostAliases = [{ ip: "127.0.0.1", hostnames: sidecars.hostnames }];
  }

  // Job fields first and the Pod template last, as `kubectl get -o yaml` shows them.
  const spec: Omit<NonNullable<V1Job["spec"]>, "template"> = {};
  const timeout = plainValue(job.timeout);
  const seconds = timeout === undefined ? undefined : parseDuration(timeout);
  if (seconds !== undefined) spec.activeDeadlineSeconds = seconds;
  if (instance.completions !== undefined) {
    spec.completionMode = "Indexed";
    spec.completions = instance.completions;
    spec.parallelism = instance.completions;
  }
  Object.assign(
    spec,
    retryFields(job.retry, main.container.name, instance.completions !== undefined),
  );
  if (block.ttlSecondsAfterFinished !== undefined) {
    spec.ttlSecondsAfterFinished = block.ttlSecondsAfterFinished;
  }
  if (input.suspend === true) spec.suspend = true;
  const podAnnotations = block.annotations ?? {};
  const template = {
    metadata:
      Object.keys(podAnnotations).length > 0 ? { labels, annotations: podAnnotations } : { labels },
    spec: pod,
  };

  return {
    job: {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name: instance.objectName,
        ...(settings.namespace === undefined ? {} : { namespace: settings.namespace }),
        labels,
        annotations,
      },
      spec: { ...spec, template },
    },
    diagnostics,
  };
}

function mainContainer(
  input: JobManifestInput,
  diagnostics: Diagnostic[],
): { container: V1Container; volumes: V1Volume[] } {
  const { settings, job, path } = input;
  const block = job.kubernetes ?? {};
  const mounts = [
    { name: WORKSPACE_VOLUME, mountPath: settings.projectDir },
    ...(block.volumeMounts ?? []),
  ];
  if (block.kaniko !== undefined) {
    const kaniko = kanikoContainer(block.kaniko, {
      projectDir: settings.projectDir,
      workspaceVolume: WORKSPACE_VOLUME,
    });
    const container: V1Container = {
      ...kaniko.container,
      env: [...input.env],
      securityContext: mergeSecurityContexts(
        kaniko.container.securityContext ?? {},
        block.securityContext,
      ),
      ...(block.resources === undefined
        ? {}
        : { resources: resourceRequirements(block.resources) }),
    };
    const hasWorkspaceMount = (container.volumeMounts ?? []).some(
      (m) => m.name === WORKSPACE_VOLUME,
    );
    container.volumeMounts = [
      ...(container.volumeMounts ?? []),
      ...mounts.filter((m) => !(hasWorkspaceMount && m.name === WORKSPACE_VOLUME)),
    ];
    return { container, volumes: kaniko.volumes };
  }

  const image = plainValue(job.image) ?? block.image;
  const written = typeof image === "string" ? { name: image } : image;
  const imageSpec = written && { ...written, name: expandVariables(written.name, input.variables) };
  if (imageSpec === undefined) {
    diagnostics.push(
      errorDiagnostic(
        "kubernetes/no-image",
        formatPath(path),
        "no image, and Kubernetes has no runner default image; set image (or kubernetes.image) on the job or in default",
      ),
    );
  }
  const user = imageUser(imageSpec?.kubernetes?.user);
  if (user === "not-numeric") {
    diagnostics.push(
      errorDiagnostic(
        "kubernetes/non-numeric-user",
        formatPath([...path, "image", "kubernetes", "user"]),
        'Kubernetes needs a numeric user (runAsUser), e.g. 1000 or "1000:1000"',
      ),
    );
  }
  const container: V1Container = {
    name: JOB_CONTAINER,
    image: imageSpec?.name ?? "",
  };
  const pull = imagePullPolicy(imageSpec?.pull_policy);
  if (pull !== undefined) container.imagePullPolicy = pull;
  container.command = jobCommand({
    beforeScript: scriptLines(job.before_script),
    script: scriptLines(job.script),
    afterScript: scriptLines(job.after_script),
  }).map(kubernetesLiteral);
  container.workingDir = settings.projectDir;
  container.env = [...input.env];
  if (block.resources !== undefined) container.resources = resourceRequirements(block.resources);
  const securityContext = nonEmpty(
    mergeSecurityContexts(
      containerSecurityDefaults(block.podSecurity ?? "baseline"),
      typeof user === "object" ? user : undefined,
      block.securityContext,
    ),
  );
  if (securityContext !== undefined) container.securityContext = securityContext;
  container.volumeMounts = mounts;
  return { container, volumes: [] };
}

// GitLab flattens nested script lists (YAML anchors); entries stay whole, multi-line ones too.
function scriptLines(script: unknown): string[] {
  const value = plainValue(script);
  if (value === undefined || value === null) return [];
  return [value].flat(3).filter((line): line is string => typeof line === "string");
}
