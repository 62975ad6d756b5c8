// Client-side rate limiting as client-go does it: a token bucket that holds `burst` tokens and
// refills at `qps` per second. A request takes a token, or waits its turn until one has been
// refilled for it. Two lanes share the bucket: lock traffic (the renewals of the run's Leases)
// goes before every bulk request still waiting, so a renewal never waits behind a thousand Job
// creates and the Lease cannot expire while its holder lives. It still takes a token: the limit
// holds for both lanes together. Within a lane, first come, first served.

/** How many requests per second a client may make, and how many at once after a quiet spell. */
export type RateLimit = { readonly qps: number; readonly burst: number };

/** 50 requests per second, bursts of 100: a 500-job run creates its Jobs in about 8 s. */
export const DEFAULT_RATE_LIMIT: RateLimit = { qps: 50, burst: 100 };

/** Which queue a request waits in: `lock` (Leases) goes before `bulk` (everything else). */
export type Lane = "lock" | "bulk";

/** A token bucket: `wait()` resolves when the caller may send its request. */
export type TokenBucket = { wait(lane?: Lane): Promise<void> };

/**
 * A token bucket for `limit`, full at first. `now` and `sleep` are the clock (milliseconds).
 * @example const bucket = tokenBucket({ qps: 50, burst: 100 }); await bucket.wait("lock");
 */
export function tokenBucket(
  limit: RateLimit,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): TokenBucket {
  let tokens = limit.burst;
  let last = now();
  const queues: Record<Lane, (() => void)[]> = { lock: [], bulk: [] };
  let draining = false;
  const refill = () => {
    const time = now();
    tokens = Math.min(limit.burst, tokens + ((time - last) * limit.qps) / 1000);
    last = time;
  };
  const next = () => queues.lock.shift() ?? queues.bulk.shift();
  // Hands out tokens as they are refilled, lock lane first, until both queues are empty.
  const drain = async () => {
    draining = true;
    for (;;) {
      refill();
      while (tokens >= 1) {
        const waiter = next();
        if (waiter === undefined) break;
        tokens -= 1;
        waiter();
      }
      if (queues.lock.length === 0 && queues.bulk.length === 0) break;
      await sleep(((1 - tokens) * 1000) / limit.qps);
    }
    draining = false;
  };
  return {
    wait(lane = "bulk") {
      refill();
      if (!draining && tokens >= 1) {
        tokens -= 1;
        return Promise.resolve();
      }
      const turn = new Promise<void>((resolve) => queues[lane].push(resolve));
      if (!draining) void drain();
      return turn;
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
