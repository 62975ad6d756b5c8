// Public API of @pipecraft/kubernetes. Re-exports only; each concept lives in its own file.
// Helpers used only inside the package (KEYWORD_SUPPORT, objectName, emitManifests) are not
// listed: the list is pinned by test/exports.test.ts.
export { DEFAULT_KANIKO_DEBUG_IMAGE, DEFAULT_KANIKO_IMAGE } from "./kaniko/executor-image.js";
export { type KanikoJob, kaniko } from "./kaniko/kaniko.js";
export { kanikoTarget, synthKaniko, synthKanikoFiles, toKanikoPods } from "./kaniko-pods.js";
export { dnsLabel } from "./object-name.js";
export {
  kubernetesTarget,
  synthKubernetes,
  synthKubernetesFiles,
} from "./synth-kubernetes.js";
export type { KubernetesTargetOptions } from "./target-options.js";
export {
  type KubernetesJobManifest,
  type KubernetesManifests,
  toKubernetesManifests,
} from "./to-kubernetes-manifests.js";
