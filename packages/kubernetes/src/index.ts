// Public API of @pipecraft/kubernetes. Re-exports only; each concept lives in its own file.
export { DEFAULT_KANIKO_DEBUG_IMAGE, DEFAULT_KANIKO_IMAGE } from "./kaniko/executor-image.js";
export { type KanikoJob, kaniko, kanikoBuild } from "./kaniko/kaniko.js";
export { kanikoTarget, synthKaniko, synthKanikoFiles, toKanikoPods } from "./kaniko-pods.js";
export { KEYWORD_SUPPORT, type KeywordSupport } from "./keyword-support.js";
export { dnsLabel, objectName } from "./object-name.js";
export {
  emitManifests,
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
