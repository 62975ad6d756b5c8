// The Leases a run holds stay renewed while the client is busy. Under a low client-side rate limit
// (qps 2), creating and releasing 60 Jobs and reading their outcomes keeps the limiter's queue
// many seconds long; a renewal that waited in that queue behind the bulk work would let the owner
// Lease (15 s) or a resource_group Lease (30 s) expire while the client lives, and another client's
// `--attach` could take the run over (two schedulers). Every renewTime the API server stores is
// recorded through a watch; no gap between two renewals may reach the Lease's duration.
import {
  CoordinationV1Api,
  CoreV1Api,
  makeInformer,
  type V1Lease,
} from "@kubernetes/client-node";
import { withRateLimit } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig } from "./kubeconfig.js";
import { kwok, runCase, uniqueRunId } from "./runtime-support.js";

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
      Array.from({ length: JOBS }, (_, i) => [`j${i}`, { stage: "build", image, script: ["make"] }]),
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

describe.skipIf(testClusterKind() !== "local")("pipecraft run: Leases under a low rate limit", () => {
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
    console.log("longest unrenewed spells (ms):", gaps, "owner renewals:", owner?.renewals.map((t, i, all) => t - (all[i - 1] ?? t)));
    // The run takes far longer than a Lease term, so the Leases were renewed many times over.
    expect((owner as LeaseHistory).renewals.length).toBeGreaterThan(5);
    expect(gaps.owner).toBeLessThan((owner as LeaseHistory).duration);
    expect(gaps.group).toBeLessThan((group as LeaseHistory).duration);
  }, 600_000);
});
