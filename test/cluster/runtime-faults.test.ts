// The run under a connection that keeps dropping: every few hundred milliseconds a proxy between
// the client and kube-apiserver cuts every open connection (in-flight requests reset, the watch
// drops). Transient errors are retried, the informer relists or resumes, lost create answers are
// recognised as the client's own objects: the run ends exactly as it does without faults.
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DropProxy, startDropProxy } from "./drop-proxy.js";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig } from "./kubeconfig.js";
import { kwok, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
let ns: { name: string; remove: () => Promise<void> };
let proxy: DropProxy;
const volumes: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-faults");
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error("no cluster in the test kubeconfig");
  proxy = await startDropProxy(cluster.server);
});
afterAll(async () => {
  await proxy?.close();
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
    const outcome = (run: typeof clean) =>
      run.result.jobs.map((job) => [
        job.job,
        job.status,
        job.allowedFailure ?? false,
        job.exitCode,
      ]);
    expect(outcome(faulty)).toEqual(outcome(clean));
    expect(faulty.result.status).toBe("success");
    expect(faulty.started).toEqual(clean.started);
    expect(drops).toBeGreaterThan(5);
  });
});
