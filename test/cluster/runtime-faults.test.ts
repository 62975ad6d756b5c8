// The run under a connection that keeps dropping: every few hundred milliseconds a proxy between
// the client and kube-apiserver cuts every open connection (in-flight requests reset, the watch
// drops). Transient errors are retried, the informer relists or resumes, lost create answers are
// recognised as the client's own objects: the run ends exactly as it does without faults. Then the
// API server's other bad days, through an HTTP proxy (fault-proxy.ts): 500s, 429 with Retry-After,
// watches cut short and slow answers, under client-side rate limiting; and the permanent errors,
// which stop the run with one line.
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { withRateLimit } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DropProxy, startDropProxy } from "./drop-proxy.js";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.js";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig } from "./kubeconfig.js";
import { kwok, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
let ns: { name: string; remove: () => Promise<void> };
let proxy: DropProxy;
let faults: FaultProxy;
const volumes: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-faults");
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error("no cluster in the test kubeconfig");
  proxy = await startDropProxy(cluster.server);
  faults = await startFaultProxy(kc);
});
afterAll(async () => {
  await proxy?.close();
  await faults?.close();
  await ns?.remove();
  const core = kc.makeApiClient(CoreV1Api);
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
});

/** The test kubeconfig with its server replaced by the proxy. */
function throughProxy(): KubeConfig {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (cluster === null || user === null) throw new Error("incomplete test kubeconfig");
  const faulty = new KubeConfig();
  faulty.loadFromOptions({
    clusters: [{ ...cluster, server: proxy.server }],
    users: [user],
    contexts: [{ name: "faulty", cluster: cluster.name, user: user.name }],
    currentContext: "faulty",
  });
  return faulty;
}

const image = "busybox:1.36";
const pipeline = {
  stages: ["build", "test", "deploy"],
  jobs: {
    build: { stage: "build", image, script: ["make"], kubernetes: kwok({ seconds: 2 }) },
    unit: { stage: "test", image, script: ["make test"] },
    lint: {
      stage: "test",
      image,
      script: ["make lint"],
      allow_failure: { exit_codes: [3] },
      kubernetes: kwok({ exit: 3 }),
    },
    deploy: { stage: "deploy", image, script: ["make deploy"], needs: ["unit"] },
  },
};

describe.skipIf(testClusterKind() !== "local")("pipecraft run: connections that drop", () => {
  it("ends with the same result as without faults", async () => {
    const clean = await runCase(kc, ns.name, pipeline, { runId: uniqueRunId("clean"), volumes });
    let drops = 0;
    const timer = setInterval(() => {
      drops += proxy.dropAll() > 0 ? 1 : 0;
    }, 400);
    let faulty: Awaited<ReturnType<typeof runCase>>;
    try {
      faulty = await runCase(throughProxy(), ns.name, pipeline, {
        runId: uniqueRunId("faulty"),
        volumes,
      });
    } finally {
      clearInterval(timer);
    }
    expect(outcome(faulty)).toEqual(outcome(clean));
    expect(faulty.result.status).toBe("success");
    expect(faulty.started).toEqual(clean.started);
    expect(drops).toBeGreaterThan(5);
  });
});

/** Each job's status, allowed failure and exit code, in the plan's order. */
function outcome(run: Awaited<ReturnType<typeof runCase>>) {
  return run.result.jobs.map((job) => [
    job.job,
    job.status,
    job.allowedFailure ?? false,
    job.exitCode,
  ]);
}

describe("pipecraft run: the API server under pressure", () => {
  it("ends with the same result under 500s, 429 with Retry-After, cut watches and slow answers", async () => {
    const clean = await runCase(kc, ns.name, pipeline, { runId: uniqueRunId("calm"), volumes });
    faults.setFaults({
      serverErrorEvery: 7,
      tooManyEvery: 11,
      retryAfterSeconds: 1,
      slowEvery: 5,
      slowMs: 700,
      watchLifetimeMs: 1_500,
    });
    const limit = { qps: 20, burst: 5 };
    const from = faults.requests.length;
    let stormy: Awaited<ReturnType<typeof runCase>>;
    try {
      stormy = await runCase(withRateLimit(faults.kubeConfig(), limit), ns.name, pipeline, {
        runId: uniqueRunId("storm"),
        volumes,
      });
    } finally {
      faults.setFaults({});
    }
    expect(outcome(stormy)).toEqual(outcome(clean));
    expect(stormy.result.status).toBe("success");
    expect(stormy.started).toEqual(clean.started);
    expect(faults.injected.serverErrors).toBeGreaterThan(0);
    expect(faults.injected.tooMany).toBeGreaterThan(0);
    expect(faults.injected.slow).toBeGreaterThan(0);
    expect(faults.injected.droppedWatches).toBeGreaterThan(0);
    // The rate limit holds at the server's door: in no second more than burst + qps requests
    // (plus one for a request in flight at the window's edge).
    const times = faults.requests.slice(from).map((r) => r.time);
    const busiest = Math.max(
      ...times.map((start) => times.filter((t) => t >= start && t < start + 1_000).length),
    );
    expect(busiest).toBeLessThanOrEqual(limit.burst + limit.qps + 1);
  });

  it("a namespace that does not exist stops the run with one line naming it and the fix", async () => {
    const error = await runCase(kc, "pipecraft-no-such-ns", pipeline, {
      runId: uniqueRunId("nons"),
      volumes,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'namespace "pipecraft-no-such-ns" does not exist (create configmaps returned 404); create it (kubectl create namespace pipecraft-no-such-ns) or choose another with --namespace',
    );
  });
});
