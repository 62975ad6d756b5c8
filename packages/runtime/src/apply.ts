// `@pipecraft/runtime/apply`: only what `pipecraft apply` needs. A separate entry (a bundle of its
// own, not sharing chunks with the main one: see scripts/bundle-runtime.mjs) so that apply does not
// load client-node's generated API clients, which only `run` and its siblings use: less to compile
// at every start. Re-exports only;
// the list is pinned by test/exports.test.ts.
export {
  type AppliedObject,
  type ApplyOptions,
  applyObjects,
  FIELD_MANAGER,
  manifestObjects,
} from "./apply/apply-objects.js";
export { ClusterError } from "./cluster/api-call.js";
export { type ClusterConfig, loadKubeConfig } from "./cluster/kube-config.js";
export {
  DEFAULT_RATE_LIMIT,
  type RateLimit,
  rateLimitProblem,
} from "./cluster/token-bucket.js";
