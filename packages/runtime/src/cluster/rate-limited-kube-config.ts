// A KubeConfig whose every request waits for the token bucket first. Both ways client-node sends
// a request pass through it: the generated API clients and the object API
// (applySecurityAuthentication), and watches and logs (applyToHTTPSOptions). The former reuse
// connections (a keep-alive agent instead of a new Agent per request, see keep-alive-agent.ts);
// watches and followed logs hold a connection of their own for long anyway. Requests for Leases
// (coordination.k8s.io: the run's owner Lease, the resource_group locks) wait in the bucket's lock
// lane, ahead of the bulk work, so that their renewals are never late (see token-bucket.ts).
import { KubeConfig } from "@kubernetes/client-node";
import { type AgentPool, agentPool } from "./keep-alive-agent.js";
import { type Lane, type RateLimit, type TokenBucket, tokenBucket } from "./token-bucket.js";

/**
 * The lane of a request to `url`: `lock` for the coordination.k8s.io API (Leases), else `bulk`.
 * The server's URL may carry a path of its own (a proxy's `/k8s/clusters/c-1`).
 * @example requestLane("https://k8s:6443/apis/coordination.k8s.io/v1/namespaces/ci/leases/x") // "lock"
 */
export function requestLane(url: string): Lane {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  return path.includes("/apis/coordination.k8s.io/") ? "lock" : "bulk";
}

class RateLimitedKubeConfig extends KubeConfig {
  private readonly agents: AgentPool = agentPool();

  constructor(private readonly bucket: TokenBucket) {
    super();
  }

  override async applySecurityAuthentication(
    context: Parameters<KubeConfig["applySecurityAuthentication"]>[0],
  ): Promise<void> {
    await this.bucket.wait(requestLane(context.getUrl()));
    await super.applySecurityAuthentication(context);
    const agent = context.getAgent();
    if (agent !== undefined) context.setAgent(this.agents(agent));
  }

  override async applyToHTTPSOptions(
    opts: Parameters<KubeConfig["applyToHTTPSOptions"]>[0],
  ): Promise<void> {
    await this.bucket.wait("bulk");
    return super.applyToHTTPSOptions(opts);
  }
}

/** An empty KubeConfig whose requests are limited to `limit`; load it as any other. */
export function rateLimitedKubeConfig(limit: RateLimit): KubeConfig {
  return new RateLimitedKubeConfig(tokenBucket(limit));
}

/** A copy of `kubeConfig` (same clusters, users, contexts) whose requests are limited. */
export function withRateLimit(kubeConfig: KubeConfig, limit: RateLimit): KubeConfig {
  const limited = rateLimitedKubeConfig(limit);
  limited.loadFromOptions({
    clusters: kubeConfig.getClusters(),
    users: kubeConfig.getUsers(),
    contexts: kubeConfig.getContexts(),
    currentContext: kubeConfig.getCurrentContext(),
  });
  return limited;
}
