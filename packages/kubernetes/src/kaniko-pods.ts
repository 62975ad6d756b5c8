import type { V1Pod } from "@kubernetes/client-node";
import { hasErrors, type Pipeline } from "@pipecraft/core";
import {
  emitManifests,
  type KubernetesSynthResult,
  type ManifestFile,
  manifestFiles,
} from "./synth-kubernetes.js";
import type { KubernetesTargetOptions } from "./target-options.js";
import { toKubernetesManifests } from "./to-kubernetes-manifests.js";

/**
 * The image builds of a pipeline (its `kaniko.build()` jobs) as bare Pods, for
 * `pipecraft synth --target kaniko`: the same Pod as the Job's, under the same name and labels.
 * Pods whose context is on the workspace need the claim that `--target kubernetes` writes.
 */
export function toKanikoPods(
  pipeline: Pipeline,
  options: KubernetesTargetOptions = {},
): KubernetesSynthResult<V1Pod[]> {
  const manifests = toKubernetesManifests(pipeline, options);
  if (hasErrors(manifests.diagnostics))
    return { output: undefined, diagnostics: manifests.diagnostics };
  const pods = manifests.jobs
    .filter((entry) => entry.imageBuild)
    .map(
      ({ job }): V1Pod => ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { ...job.metadata, ...job.spec?.template.metadata },
        spec: job.spec?.template.spec,
      }),
    );
  return { output: pods, diagnostics: manifests.diagnostics };
}

/** The Kaniko build Pods as one multi-document YAML text. */
export function synthKaniko(
  pipeline: Pipeline,
  options: KubernetesTargetOptions = {},
): KubernetesSynthResult<string> {
  const { output, diagnostics } = toKanikoPods(pipeline, options);
  return { output: output && emitManifests(output, options), diagnostics };
}

/** The Kaniko build Pods, one file each. */
export function synthKanikoFiles(
  pipeline: Pipeline,
  options: KubernetesTargetOptions = {},
): KubernetesSynthResult<ManifestFile[]> {
  const { output, diagnostics } = toKanikoPods(pipeline, options);
  return { output: output && manifestFiles(output, options), diagnostics };
}
