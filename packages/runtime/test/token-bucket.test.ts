import { describe, expect, it } from "vitest";
import { requestLane } from "../src/cluster/rate-limited-kube-config.js";
import { type Lane, rateLimitProblem, tokenBucket } from "../src/cluster/token-bucket.js";

/** A bucket on a fake clock (sleeping moves it on) that records when each caller got its turn. */
function fakeBucket(limit: { qps: number; burst: number }) {
  let time = 0;
  const turns: { name: string; at: number }[] = [];
  const bucket = tokenBucket(
    limit,
    () => time,
    async (ms) => {
      await Promise.resolve();
      time += ms;
    },
  );
  return {
    /** Asks for `n` turns one after another (each waits for the last). */
    take: async (n: number, name = "bulk") => {
      for (let i = 0; i < n; i++) {
        await bucket.wait();
        turns.push({ name, at: time });
      }
    },
    /** Asks for a turn now, without waiting for it. */
    ask: (name: string, lane: Lane) =>
      bucket.wait(lane).then(() => {
        turns.push({ name, at: Math.round(time) });
      }),
    advance: (ms: number) => {
      time += ms;
    },
    turns,
  };
}

describe("tokenBucket", () => {
  it("lets a burst through at once, then one request per 1/qps seconds, in arrival order", async () => {
    const b = fakeBucket({ qps: 10, burst: 3 });
    await Promise.all(["a", "b", "c", "d", "e", "f"].map((name) => b.ask(name, "bulk")));
    expect(b.turns).toEqual([
      { name: "a", at: 0 },
      { name: "b", at: 0 },
      { name: "c", at: 0 },
      { name: "d", at: 100 },
      { name: "e", at: 200 },
      { name: "f", at: 300 },
    ]);
  });

  it("refills while idle, never above the burst", async () => {
    const b = fakeBucket({ qps: 10, burst: 3 });
    await b.take(3);
    b.advance(10_000);
    await b.take(4);
    expect(b.turns.map((turn) => Math.round(turn.at))).toEqual([
      0, 0, 0, 10_000, 10_000, 10_000, 10_100,
    ]);
  });

  it("gives lock traffic the next token, ahead of every bulk request already waiting", async () => {
    const b = fakeBucket({ qps: 2, burst: 1 });
    const bulk = Array.from({ length: 60 }, (_, i) => b.ask(`create-${i}`, "bulk"));
    const renewal = b.ask("renew", "lock");
    await Promise.all([...bulk, renewal]);
    // The renewal waits one refill (500 ms at qps 2), not the 30 s of the queue before it.
    expect(b.turns.slice(0, 3)).toEqual([
      { name: "create-0", at: 0 },
      { name: "renew", at: 500 },
      { name: "create-1", at: 1_000 },
    ]);
    // It is still counted: the bulk requests after it are one token later.
    expect(b.turns.at(-1)).toEqual({ name: "create-59", at: 30_000 });
  });

  it("keeps arrival order within the lock lane", async () => {
    const b = fakeBucket({ qps: 10, burst: 1 });
    await Promise.all([
      b.ask("bulk-0", "bulk"),
      b.ask("bulk-1", "bulk"),
      b.ask("lock-0", "lock"),
      b.ask("lock-1", "lock"),
    ]);
    expect(b.turns.map((turn) => turn.name)).toEqual(["bulk-0", "lock-0", "lock-1", "bulk-1"]);
  });
});

describe("requestLane", () => {
  it("sends Lease requests to the lock lane, anything else to the bulk lane", () => {
    expect(
      requestLane(
        "https://127.0.0.1:6443/apis/coordination.k8s.io/v1/namespaces/ci/leases/ci-run-1",
      ),
    ).toBe("lock");
    expect(
      requestLane(
        "https://rancher/k8s/clusters/c-1/apis/coordination.k8s.io/v1/namespaces/ci/leases",
      ),
    ).toBe("lock");
    expect(requestLane("https://127.0.0.1:6443/apis/batch/v1/namespaces/ci/jobs")).toBe("bulk");
    expect(
      requestLane("https://127.0.0.1:6443/api/v1/namespaces/ci/configmaps?x=coordination.k8s.io"),
    ).toBe("bulk");
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
