// `resource_group` across runs: two runs of one pipeline start together; their `deploy` jobs share
// the group "production", locked by a coordination.k8s.io Lease. One deploy waits for the other:
// it is released only after the first was seen to finish, and both runs pass.
import { CoordinationV1Api, CoreV1Api } from "@kubernetes/client-node";
import type { RunEvent } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNamespace } from "./helpers.js";
import { testKubeConfig } from "./kubeconfig.js";
import { kwok, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
let ns: { name: string; remove: () => Promise<void> };
const volumes: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-rgroup");
});
afterAll(async () => {
  await ns?.remove();
  const core = kc.makeApiClient(CoreV1Api);
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
});

const image = "busybox:1.36";
const pipeline = {
  stages: ["build", "deploy"],
  jobs: {
    build: { stage: "build", image, script: ["make"] },
    deploy: {
      stage: "deploy",
      image,
      script: ["make deploy"],
      resource_group: "production",
      kubernetes: kwok({ seconds: 3 }),
    },
  },
};

/** When `job` reached each status, in milliseconds since the epoch. */
function timeline(events: readonly RunEvent[], job: string): Map<string, number> {
  const times = new Map<string, number>();
  for (const event of events) {
    if (event.type === "job" && event.job === job && !times.has(event.status)) {
      times.set(event.status, Date.parse(event.time));
    }
  }
  return times;
}

describe("resource_group: a Lease per group", () => {
  it("runs one job of the group at a time across two concurrent runs", async () => {
    const [a, b] = await Promise.all(
      ["rg-a", "rg-b"].map((prefix) =>
        runCase(kc, ns.name, pipeline, { runId: uniqueRunId(prefix), volumes }),
      ),
    );
    if (a === undefined || b === undefined) throw new Error("two runs expected");
    expect([a.result.status, b.result.status]).toEqual(["success", "success"]);
    const deploys = [timeline(a.events, "deploy"), timeline(b.events, "deploy")];
    const [first, second] = deploys.sort(
      (x, y) => (x.get("pending") ?? 0) - (y.get("pending") ?? 0),
    );
    expect(second?.has("waiting_for_resource")).toBe(true);
    expect(first?.has("waiting_for_resource")).toBe(false);
    expect(second?.get("pending") ?? 0).toBeGreaterThanOrEqual(first?.get("success") ?? Infinity);
    // Every lock was given back.
    const leases = await kc
      .makeApiClient(CoordinationV1Api)
      .listNamespacedLease({ namespace: ns.name, labelSelector: "pipecraft.dev/resource-group" });
    expect(leases.items).toEqual([]);
  });
});
