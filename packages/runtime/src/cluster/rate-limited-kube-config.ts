// A KubeConfig whose every request waits for the token bucket first. Both ways client-node sends
// a request pass through it: the generated API clients (applySecurityAuthentication) and
// watches, logs and the object API's fetches (applyToHTTPSOptions).
import { KubeConfig } from "@kubernetes/client-node";
import { type RateLimit, type TokenBucket, tokenBucket } from "./token-bucket.js";

class RateLimitedKubeConfig extends KubeConfig {
  constructor(private readonly bucket: TokenBucket) {
    super();
  }

  override async applySecurityAuthentication(
    context: Parameters<KubeConfig["applySecurityAuthentication"]>[0],
  ): Promise<void> {
    await this.bucket.wait();
    return super.applySecurityAuthentication(context);
  }

  override async applyToHTTPSOptions(
    opts: Parameters<KubeConfig["applyToHTTPSOptions"]>[0],
  ): Promise<void> {
    await this.bucket.wait();
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
