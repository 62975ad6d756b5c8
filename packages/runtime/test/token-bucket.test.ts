import { describe, expect, it } from "vitest";
import { rateLimitProblem, tokenBucket } from "../src/cluster/token-bucket.js";

/** A bucket on a fake clock that records how long each caller was told to wait. */
function fakeBucket(limit: { qps: number; burst: number }) {
  let time = 0;
  const waits: number[] = [];
  const bucket = tokenBucket(
    limit,
    () => time,
    async (ms) => {
      waits.push(ms);
    },
  );
  return {
    take: async (n: number) => {
      for (let i = 0; i < n; i++) await bucket.wait();
    },
    advance: (ms: number) => {
      time += ms;
    },
    waits,
  };
}

describe("tokenBucket", () => {
  it("lets a burst through at once, then one request per 1/qps seconds, in arrival order", async () => {
    const b = fakeBucket({ qps: 10, burst: 3 });
    await b.take(3);
    expect(b.waits).toEqual([]);
    await b.take(3);
    expect(b.waits.map(Math.round)).toEqual([100, 200, 300]);
  });

  it("refills while idle, never above the burst", async () => {
    const b = fakeBucket({ qps: 10, burst: 3 });
    await b.take(3);
    b.advance(10_000);
    await b.take(4);
    expect(b.waits.map(Math.round)).toEqual([100]);
  });
});

describe("rateLimitProblem", () => {
  it("names the option and the bad value", () => {
    expect(rateLimitProblem({ qps: 0, burst: 1 })).toBe("--qps must be a positive number, not 0");
    expect(rateLimitProblem({ qps: 5, burst: 0.5 })).toBe(
      "--burst must be a whole number of at least 1, not 0.5",
    );
    expect(rateLimitProblem({ qps: 5, burst: 10 })).toBeUndefined();
  });
});
