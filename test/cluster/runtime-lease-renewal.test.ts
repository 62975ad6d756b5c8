// The Leases a run holds stay renewed while the client is busy. Under a low client-side rate limit
// (qps 2), creating and releasing 60 Jobs and reading their outcomes keeps the limiter's queue
// many seconds long; a renewal that waited in that queue behind the bulk work would let the owner
// Lease (15 s) or a resource_group Lease (30 s) expire while the client lives, and another client's
// `--attach` could take the run over (two schedulers). Every renewTime the API server stores is
// recorded through a watch; no gap between two renewals may reach the Lease's duration. And after
// a stall the owner confirms its Lease before it releases more Jobs (`confirm`, on a clock moved
// on as after a laptop's sleep): it renews a Lease nobody took, and learns of a takeover.
import { CoordinationV1Api, CoreV1Api, makeInformer, type V1Lease } from "@kubernetes/client-node";
import { withRateLimit } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimRun, OWNER_SECONDS } from "../../packages/runtime/src/cluster/run-owner.js";
import { planRun } from "../../packages/runtime/src/plan/plan-run.js";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig } from "./kubeconfig.js";
import { kwok, model, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
let ns: { name: string; remove: () => Promise<void> };
const volumes: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-lease");
});
afterAll(async () => {
  await ns?.remove();
  const core = kc.makeApiClient(CoreV1Api);
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
});

const image = "busybox:1.36";
const JOBS = 60;

// 60 quick jobs, and one job of a resource group that runs while they are created and released.
const pipeline = {
  stages: ["build"],
  jobs: {
    hold: {
      stage: "build",
      image,
      script: ["deploy"],
      resource_group: "production",
      kubernetes: kwok({ seconds: 40 }),
    },
    ...Object.fromEntries(
      Array.from({ length: JOBS }, (_, i) => [
        `j${i}`,
        { stage: "build", image, script: ["make"] },
      ]),
    ),
  },
};

/** Each Lease's renewTimes as the API server stored them, and when it was deleted. */
type LeaseHistory = { renewals: number[]; duration: number; deletedAt?: number };

/** Records every renewTime of the namespace's Leases until stopped. */
async function recordLeases(namespace: string) {
  const api = kc.makeApiClient(CoordinationV1Api);
  const history = new Map<string, LeaseHistory>();
  const informer = makeInformer<V1Lease>(
    kc,
    `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`,
    () => api.listNamespacedLease({ namespace }),
  );
  const seen = (lease: V1Lease) => {
    const name = lease.metadata?.name ?? "";
    const entry = history.get(name) ?? {
      renewals: [],
      duration: (lease.spec?.leaseDurationSeconds ?? 0) * 1000,
    };
    const renewed = Date.parse(String(lease.spec?.renewTime));
    if (!Number.isNaN(renewed) && entry.renewals.at(-1) !== renewed) entry.renewals.push(renewed);
    history.set(name, entry);
  };
  informer.on("add", seen);
  informer.on("update", seen);
  informer.on("delete", (lease) => {
    const entry = history.get(lease.metadata?.name ?? "");
    if (entry !== undefined) entry.deletedAt = Date.now();
  });
  await informer.start();
  return { history, stop: () => informer.stop() };
}

/** The longest time a Lease went unrenewed while it existed. */
function longestGap(entry: LeaseHistory): number {
  const times = [...entry.renewals, ...(entry.deletedAt === undefined ? [] : [entry.deletedAt])];
  return Math.max(0, ...times.slice(1).map((time, i) => time - (times[i] ?? time)));
}

describe.skipIf(testClusterKind() !== "local")(
  "pipecraft run: Leases under a low rate limit",
  () => {
    it("renews the owner and resource_group Leases while 60 Jobs queue at qps 2", async () => {
      const runId = uniqueRunId("lease");
      const leases = await recordLeases(ns.name);
      let run: Awaited<ReturnType<typeof runCase>>;
      try {
        run = await runCase(withRateLimit(kc, { qps: 2, burst: 2 }), ns.name, pipeline, {
          runId,
          volumes,
        });
      } finally {
        await leases.stop();
      }
      expect(run.result.status).toBe("success");
      expect(run.result.jobs.filter((job) => job.status === "success")).toHaveLength(JOBS + 1);
      const owner = leases.history.get(`ci-run-${runId}`);
      const group = leases.history.get("pipecraft-rg-production");
      expect(owner).toBeDefined();
      expect(group).toBeDefined();
      const gaps = {
        owner: longestGap(owner as LeaseHistory),
        group: longestGap(group as LeaseHistory),
      };
      // The run takes far longer than a Lease term, so the Leases were renewed many times over.
      expect((owner as LeaseHistory).renewals.length).toBeGreaterThan(5);
      expect(gaps.owner).toBeLessThan((owner as LeaseHistory).duration);
      expect(gaps.group).toBeLessThan((group as LeaseHistory).duration);
    }, 600_000);
  },
);

/** The plan of a one-job run `runId` (what claimRun needs of it: its names and namespace). */
function planOf(runId: string) {
  const planned = planRun(model({ jobs: { build: { image, script: ["make"] } } }), {
    name: "ci",
    namespace: ns.name,
    runId,
    play: [],
    variables: {},
  });
  if (planned.plan === undefined) throw new Error(planned.problems.join("\n"));
  return planned.plan;
}

/** A clock that a test moves on (as a laptop's sleep would), on top of the real one. */
function clock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    jump: (ms: number) => {
      offset += ms;
    },
  };
}

describe("the owner Lease after a stall", () => {
  const api = () => kc.makeApiClient(CoordinationV1Api);

  it("is renewed at once before scheduling goes on, when no other client took it", async () => {
    const plan = planOf(uniqueRunId("stall"));
    const time = clock();
    let lost = 0;
    const claim = await claimRun(kc, plan, "first", undefined, () => lost++, time.now);
    if (!claim.owned) throw new Error("the new run's Lease is held");
    try {
      // Nothing to do while the Lease is fresh.
      expect(await claim.lease.confirm()).toBe(true);
      time.jump((OWNER_SECONDS + 5) * 1000);
      expect(await claim.lease.confirm()).toBe(true);
      const lease = await api().readNamespacedLease({
        name: `ci-run-${plan.runId}`,
        namespace: ns.name,
      });
      expect(lease.spec?.holderIdentity).toBe("first");
      expect(Date.parse(String(lease.spec?.renewTime))).toBeGreaterThan(
        Date.now() + OWNER_SECONDS * 1000,
      );
      expect(lost).toBe(0);
    } finally {
      await claim.lease.stop();
    }
  });

  it("stops the holder (lost, confirm false) when an attaching client took the expired Lease", async () => {
    const plan = planOf(uniqueRunId("taken"));
    const first = clock();
    let lost = 0;
    const claim = await claimRun(kc, plan, "first", undefined, () => lost++, first.now);
    if (!claim.owned) throw new Error("the new run's Lease is held");
    // The first client stalls past the Lease's term; meanwhile a second one attaches.
    const second = clock();
    second.jump((OWNER_SECONDS + 5) * 1000);
    const takeover = await claimRun(kc, plan, "second", undefined, () => {}, second.now);
    try {
      expect(takeover.owned).toBe(true);
      first.jump((OWNER_SECONDS + 5) * 1000);
      expect(await claim.lease.confirm()).toBe(false);
      expect(lost).toBe(1);
      const lease = await api().readNamespacedLease({
        name: `ci-run-${plan.runId}`,
        namespace: ns.name,
      });
      expect(lease.spec?.holderIdentity).toBe("second");
    } finally {
      await claim.lease.stop();
      if (takeover.owned) await takeover.lease.stop();
    }
  });
});
