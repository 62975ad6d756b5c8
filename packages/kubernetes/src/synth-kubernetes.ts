import {
  hasErrors,
  type OutputFile,
  type Pipeline,
  type SynthResult,
  type Target,
} from "@pipecraft/core";
import type { KubernetesObject } from "@pipecraft/core/kubernetes-types";
import { emitYamlDocuments, generatedHeader, type YamlValue } from "@pipecraft/emit";
import {
  type KubernetesTargetOptions,
  kubernetesTargetFlags,
  kubernetesTargetOptions,
} from "./target-options.js";
import { toKubernetesManifests } from "./to-kubernetes-manifests.js";

/**
 * The Kubernetes manifests of `pipeline` as one multi-document YAML text: the workspace claim,
 * then one Job per CI job, headed by a "generated, do not edit" comment.
 * @example synthKubernetes(pipeline, { name: "shop", namespace: "ci" }).output
 */
export function synthKubernetes(
  pipeline: Pipeline,
  options: KubernetesTargetOptions = {},
): SynthResult<string> {
  const { output, diagnostics } = kubernetesObjects(pipeline, options);
  return { output: output && emitManifests(output, "kubernetes", options), diagnostics };
}

/** As `synthKubernetes`, but the objects themselves (what `pipecraft apply` sends). */
export function kubernetesObjects(
  pipeline: Pipeline,
  options: KubernetesTargetOptions = {},
): SynthResult<KubernetesObject[]> {
  const manifests = toKubernetesManifests(pipeline, options);
  if (hasErrors(manifests.diagnostics))
    return { output: undefined, diagnostics: manifests.diagnostics };
  return {
    output: [manifests.workspace, ...manifests.jobs.map((entry) => entry.job)],
    diagnostics: manifests.diagnostics,
  };
}

/** As `synthKubernetes`, but one file per object (`<name>.yaml`), for `--out <dir>/`. */
export function synthKubernetesFiles(
  pipeline: Pipeline,
  options: KubernetesTargetOptions = {},
): SynthResult<OutputFile[]> {
  const { output, diagnostics } = kubernetesObjects(pipeline, options);
  return { output: output && manifestFiles(output, "kubernetes", options), diagnostics };
}

/** Objects as YAML documents under the generated-file header, which names the target that wrote them. */
export function emitManifests(
  objects: readonly KubernetesObject[],
  target: "kubernetes" | "kaniko",
  options: KubernetesTargetOptions,
): string {
  return emitYamlDocuments(objects as unknown as YamlValue[], {
    headerComment: generatedHeader({ sourceFile: options.sourceFile ?? "pipeline.ts", target }),
  });
}

/**
 * One file per object, named after it: `<name>.yaml`, and `<name>.pod.yaml` for Kaniko's build
 * Pods, which share their name with the Job of the same CI job, so that both targets can write
 * into one folder (`kubectl apply -f k8s/`) without overwriting each other.
 */
export function manifestFiles(
  objects: readonly KubernetesObject[],
  target: "kubernetes" | "kaniko",
  options: KubernetesTargetOptions,
): OutputFile[] {
  return objects.map((object) => ({
    fileName: `${object.metadata?.name ?? "object"}${target === "kaniko" ? ".pod" : ""}.yaml`,
    yaml: emitManifests([object], target, options),
  }));
}

/** How many objects a text of manifests holds: every document starts with its apiVersion line. */
export function countManifests(text: string): number {
  return (text.match(/^apiVersion: /gm) ?? []).length;
}

/** `--target kubernetes`: the workspace claim and one batch/v1 Job per CI job. */
export const kubernetesTarget: Target = {
  name: "kubernetes",
  defaultOutput: "kubernetes.yaml",
  options: kubernetesTargetFlags,
  selectsJobs: true,
  synth: (pipeline, request) =>
    synthKubernetes(pipeline, kubernetesTargetOptions(pipeline, request)),
  synthFiles: (pipeline, request) =>
    synthKubernetesFiles(pipeline, kubernetesTargetOptions(pipeline, request)),
  synthObjects: (pipeline, request) =>
    kubernetesObjects(pipeline, kubernetesTargetOptions(pipeline, request)),
  documents: { noun: "object", count: countManifests },
};
