import {
  formatPath,
  hasErrors,
  type OutputFile,
  type Pipeline,
  type SynthResult,
  type Target,
} from "@pipecraft/core";
import type { V1Pod } from "@pipecraft/core/kubernetes-types";
import { RELEASE_ANNOTATION } from "./job-release.js";
import { countManifests, emitManifests, manifestFiles } from "./synth-kubernetes.js";
import {
  type KubernetesTargetOptions,
  kubernetesTargetFlags,
  kubernetesTargetOptions,
} from "./target-options.js";
import { toKubernetesManifests } from "./to-kubernetes-manifests.js";

/**
 * The image builds of a pipeline (its `kaniko.build()` jobs) as bare Pods, for
 * `pipecraft synth --target kaniko`: the same Pod as the Job's, under the same name and labels.
 * Pods whose context is on the workspace need the claim that `--target kubernetes` writes.
 */
export function toKanikoPods(
  pipeline: Pipeline,
  options: KubernetesTargetOptions = {},
): SynthResult<V1Pod[]> {
  const manifests = toKubernetesManifests(pipeline, options);
  const pods = manifests.jobs
    .filter((entry) => entry.imageBuild)
    .map(({ job }): V1Pod => {
      const template = job.spec?.template.metadata;
      // A bare Pod cannot be suspended: it starts when applied, so no release annotation says
      // otherwise.
      const { [RELEASE_ANNOTATION]: _release, ...jobAnnotations } = job.metadata?.annotations ?? {};
      return {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          ...job.metadata,
          labels: { ...job.metadata?.labels, ...template?.labels },
          annotations: { ...template?.annotations, ...jobAnnotations },
        },
        spec: job.spec?.template.spec,
      };
    });
  // Only the builds are written: what is wrong elsewhere is not this target's concern.
  const builds = manifests.jobs
    .filter((entry) => entry.imageBuild)
    .map((entry) => formatPath(["jobs", entry.jobName]));
  const within = (path: string, prefix: string) =>
    path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
  // Pipeline-level warnings (workflow, include) are about the run, which bare Pods are not.
  const diagnostics = manifests.diagnostics.filter((d) =>
    builds.some((build) => within(d.path, build)),
  );
  return { output: hasErrors(diagnostics) ? undefined : pods, diagnostics };
}

/** The Kaniko build Pods as one multi-document YAML text. */
export function synthKaniko(
  pipeline: Pipeline,
  options: KubernetesTargetOptions = {},
): SynthResult<string> {
  const { output, diagnostics } = toKanikoPods(pipeline, options);
  return { output: output && emitManifests(output, "kaniko", options), diagnostics };
}

/** The Kaniko build Pods, one file each. */
export function synthKanikoFiles(
  pipeline: Pipeline,
  options: KubernetesTargetOptions = {},
): SynthResult<OutputFile[]> {
  const { output, diagnostics } = toKanikoPods(pipeline, options);
  return { output: output && manifestFiles(output, "kaniko", options), diagnostics };
}

/** `--target kaniko`: the image builds alone, as bare Pods, with the Kubernetes target's options. */
export const kanikoTarget: Target = {
  name: "kaniko",
  defaultOutput: "kaniko.yaml",
  options: kubernetesTargetFlags,
  selectsJobs: true,
  synth: (pipeline, request) => synthKaniko(pipeline, kubernetesTargetOptions(pipeline, request)),
  synthFiles: (pipeline, request) =>
    synthKanikoFiles(pipeline, kubernetesTargetOptions(pipeline, request)),
  synthObjects: (pipeline, request) =>
    toKanikoPods(pipeline, kubernetesTargetOptions(pipeline, request)),
  documents: {
    noun: "build pod",
    count: countManifests,
    empty: "nothing to build: no job builds an image with kaniko.build()",
  },
};
