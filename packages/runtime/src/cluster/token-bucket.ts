// Client-side rate limiting as client-go does it: a token bucket that holds `burst` tokens and
// refills at `qps` per second. A request takes a token, or waits its turn (first come, first
// served) until one has been refilled for it.

/** How many requests per second a client may make, and how many at once after a quiet spell. */
export type RateLimit = { readonly qps: number; readonly burst: number };

/** 50 requests per second, bursts of 100: a 500-job run creates its Jobs in about 8 s. */
export const DEFAULT_RATE_LIMIT: RateLimit = { qps: 50, burst: 100 };

/** A token bucket: `wait()` resolves when the caller may send its request. */
export type TokenBucket = { wait(): Promise<void> };

/**
 * A token bucket for `limit`, full at first. `now` and `sleep` are the clock (milliseconds).
 * @example const bucket = tokenBucket({ qps: 50, burst: 100 }); await bucket.wait();
 */
export function tokenBucket(
  limit: RateLimit,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): TokenBucket {
  let tokens = limit.burst;
  let last = now();
  return {
    wait() {
      const time = now();
      tokens = Math.min(limit.burst, tokens + ((time - last) * limit.qps) / 1000);
      last = time;
      // The token is reserved now, so later callers queue behind this one.
      tokens -= 1;
      return tokens >= 0 ? Promise.resolve() : sleep((-tokens * 1000) / limit.qps);
    },
  };
}

/** Why `limit` is not usable, or undefined: both must be positive, burst at least 1. */
export function rateLimitProblem(limit: RateLimit): string | undefined {
  if (!Number.isFinite(limit.qps) || limit.qps <= 0) {
    return `--qps must be a positive number, not ${limit.qps}`;
  }
  if (!Number.isInteger(limit.burst) || limit.burst < 1) {
    return `--burst must be a whole number of at least 1, not ${limit.burst}`;
  }
  return undefined;
}
