// The `resource_group` locks' `adopt` (what `pipecraft run --attach` does for the running jobs of
// a dead client) against the real API server: it takes over its own job's Lease, leaves another
// holder's alone, and of an adopt and another run's acquire racing for an expired Lease exactly
// one wins (both are replaces carrying the resourceVersion they read).
import { CoordinationV1Api, V1MicroTime } from "@kubernetes/client-node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  leaseName,
  type ResourceLocks,
  resourceLocks,
} from "../../packages/runtime/src/cluster/resource-lock.js";
import { createNamespace } from "./helpers.js";
import { testKubeConfig } from "./kubeconfig.js";

const kc = testKubeConfig();
const coordination = kc.makeApiClient(CoordinationV1Api);
let ns: { name: string; remove: () => Promise<void> };
const started: ResourceLocks[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-lock");
});
afterEach(async () => {
  for (const locks of started.splice(0)) await locks.stop();
});
afterAll(async () => {
  await ns?.remove();
});

async function locksOf(runId: string, client: string): Promise<ResourceLocks> {
  const locks = await resourceLocks(
    kc,
    ns.name,
    { labels: { "pipecraft.dev/run-id": runId }, client },
    () => {},
  );
  started.push(locks);
  return locks;
}

/** A group Lease as a dead client left it: held by `holder`, last renewed `ago` ms ago. */
async function leftBehind(group: string, holder: string, ago: number) {
  const renewed = new V1MicroTime(Date.now() - ago);
  return coordination.createNamespacedLease({
    namespace: ns.name,
    body: {
      metadata: {
        name: leaseName(group),
        labels: { "pipecraft.dev/resource-group": group, "pipecraft.dev/run-id": "r1" },
        annotations: { "pipecraft.dev/client": "dead" },
      },
      spec: {
        holderIdentity: holder,
        leaseDurationSeconds: 30,
        acquireTime: renewed,
        renewTime: renewed,
      },
    },
  });
}

const read = (group: string) =>
  coordination.readNamespacedLease({ name: leaseName(group), namespace: ns.name });

describe("resource_group locks: adopt", () => {
  it("takes over its own job's Lease (renewed, annotated with the new client), then frees it", async () => {
    const before = await leftBehind("adopt-own", "ci-r1-deploy", 20_000);
    const locks = await locksOf("r1", "new-client");
    expect(await locks.adopt("adopt-own", "ci-r1-deploy")).toBe(true);
    const after = await read("adopt-own");
    expect(after.spec?.holderIdentity).toBe("ci-r1-deploy");
    expect(after.metadata?.annotations?.["pipecraft.dev/client"]).toBe("new-client");
    expect(new Date(after.spec?.renewTime ?? 0).getTime()).toBeGreaterThan(
      new Date(before.spec?.renewTime ?? 0).getTime(),
    );
    await locks.release("adopt-own", "ci-r1-deploy");
    await expect(read("adopt-own")).rejects.toMatchObject({ code: 404 });
  });

  it("leaves a Lease another holder took alone, and does not delete it at the job's end", async () => {
    const before = await leftBehind("adopt-other", "ci-r2-deploy", 0);
    const locks = await locksOf("r1", "new-client");
    expect(await locks.adopt("adopt-other", "ci-r1-deploy")).toBe(false);
    await locks.release("adopt-other", "ci-r1-deploy");
    const after = await read("adopt-other");
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
  });

  it("frees the Lease of a job that ended while no client renewed it", async () => {
    await leftBehind("ended", "ci-r1-build", 5_000);
    const locks = await locksOf("r1", "new-client");
    await locks.release("ended", "ci-r1-build");
    await expect(read("ended")).rejects.toMatchObject({ code: 404 });
  });

  it("an adopt and another run's acquire racing for an expired Lease: exactly one wins", async () => {
    await leftBehind("race", "ci-r1-deploy", 40_000);
    const mine = await locksOf("r1", "attached");
    const theirs = await locksOf("r3", "other-run");
    const [adopted, acquired] = await Promise.all([
      mine.adopt("race", "ci-r1-deploy"),
      theirs.acquire("race", "ci-r3-deploy"),
    ]);
    expect([adopted, acquired].filter(Boolean)).toHaveLength(1);
    const lease = await read("race");
    expect(lease.spec?.holderIdentity).toBe(adopted ? "ci-r1-deploy" : "ci-r3-deploy");
    expect(lease.metadata?.annotations?.["pipecraft.dev/client"]).toBe(
      adopted ? "attached" : "other-run",
    );
  });
});
