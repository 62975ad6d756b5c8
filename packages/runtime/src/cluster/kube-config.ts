// The cluster a run talks to: a kubeconfig file and a context, as kubectl chooses them. The
// caller (the CLI) decides which file; nothing here reads the environment.
import type { KubeConfig } from "@kubernetes/client-node";
import { ClusterError } from "./api-call.js";
import { rateLimitedKubeConfig } from "./rate-limited-kube-config.js";
import { DEFAULT_RATE_LIMIT, type RateLimit } from "./token-bucket.js";

/** A loaded kubeconfig and the namespace its current context names, if any. */
export type ClusterConfig = { readonly kubeConfig: KubeConfig; readonly namespace?: string };

/**
 * Loads the kubeconfig at `path` and selects `context` (default: its current context). A
 * missing or unreadable file, or an unknown context, is a ClusterError naming it. Every request
 * made with it waits its turn under `limit` (client-side rate limiting).
 */
export function loadKubeConfig(
  path: string,
  context?: string,
  limit: RateLimit = DEFAULT_RATE_LIMIT,
): ClusterConfig {
  const kubeConfig = rateLimitedKubeConfig(limit);
  try {
    kubeConfig.loadFromFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ClusterError(`cannot read the kubeconfig ${path}: ${reason}`);
  }
  if (context !== undefined) {
    const names = kubeConfig.getContexts().map((c) => c.name);
    if (!names.includes(context)) {
      throw new ClusterError(
        `--context ${context}: no such context in ${path} (contexts: ${names.join(", ") || "none"})`,
      );
    }
    kubeConfig.setCurrentContext(context);
  }
  const current = kubeConfig.getContextObject(kubeConfig.getCurrentContext());
  if (current === null || kubeConfig.getCurrentCluster() === null) {
    throw new ClusterError(`${path} has no current context with a cluster; pass --context`);
  }
  return {
    kubeConfig,
    ...(current.namespace === undefined ? {} : { namespace: current.namespace }),
  };
}
