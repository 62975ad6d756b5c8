// The Kubernetes target's Jobs really run on the test cluster (kwok plays the kubelet): the
// workspace claim binds, retry/exit_codes become the podFailurePolicy the Job controller obeys,
// parallel: N completes every index, services run as native sidecars. kwok runs no containers, so
// what the scripts do is tested under /bin/sh in packages/kubernetes/test instead.
import {
  BatchV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1Job,
  type V1PersistentVolumeClaim,
} from "@kubernetes/client-node";
import { type PipelineInput, validatePipeline } from "pipecraft";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The documents-level function, below the main entry: straight from the package's source.
import { toKubernetesManifests } from "../../packages/kubernetes/src/index.js";
import { createNamespace, waitFor } from "./helpers.js";
import { testClusterKind, testKubeConfig } from "./kubeconfig.js";

const kc = testKubeConfig();
const batch = kc.makeApiClient(BatchV1Api);
const core = kc.makeApiClient(CoreV1Api);
let ns: { name: string; remove: () => Promise<void> };
const volumes: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "k8s-run");
});
afterAll(async () => {
  await ns?.remove();
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
});

// The harness has no StorageClass: each run's claim gets a hand-made volume bound to it up front.
async function provideVolume(claim: V1PersistentVolumeClaim): Promise<void> {
  const name = `${ns.name}-${claim.metadata?.name}`;
  volumes.push(name);
  await core.createPersistentVolume({
    body: {
      metadata: { name },
      spec: {
        capacity: { storage: claim.spec?.resources?.requests?.storage ?? "1Gi" },
        accessModes: claim.spec?.accessModes,
        hostPath: { path: `/tmp/${name}` },
        claimRef: { namespace: ns.name, name: claim.metadata?.name },
        storageClassName: "",
      },
    },
  });
}

/** Synthesizes `input` for the test namespace, creates the claim and every Job, returns the Jobs. */
async function apply(name: string, input: PipelineInput): Promise<V1Job[]> {
  const { pipeline, diagnostics } = validatePipeline({
    kind: "pipecraft.pipeline",
    input,
    options: {},
  });
  if (pipeline === undefined) throw new Error(JSON.stringify(diagnostics));
  const manifests = toKubernetesManifests(pipeline, { name, namespace: ns.name });
  expect(manifests.diagnostics).toEqual([]);
  await provideVolume(manifests.workspace);
  await core.createNamespacedPersistentVolumeClaim({
    namespace: ns.name,
    body: manifests.workspace,
  });
  for (const { job } of manifests.jobs)
    await batch.createNamespacedJob({ namespace: ns.name, body: job });
  return manifests.jobs.map((entry) => entry.job);
}

async function finished(name: string): Promise<V1Job> {
  return waitFor(
    `Job ${ns.name}/${name} to finish`,
    async () => {
      const job = await batch.readNamespacedJob({ name, namespace: ns.name });
      const done = job.status?.conditions?.find(
        (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
      );
      return done ? job : undefined;
    },
    { timeoutMs: 100_000 },
  );
}

function outcome(job: V1Job) {
  const done = job.status?.conditions?.find(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  );
  return {
    type: done?.type,
    reason: done?.reason,
    failed: job.status?.failed ?? 0,
    succeeded: job.status?.succeeded ?? 0,
  };
}

// kwok fails a Pod with the exit code its annotation names; the job's kubernetes.annotations put
// it on the Pod template.
const failingWith = (code: number) => ({
  annotations: { "pipecraft.dev/fail-exit-code": String(code) },
});

describe.skipIf(testClusterKind() !== "local")("synthesized Jobs on the test cluster", () => {
  it("retry.exit_codes: a listed exit code is retried up to max, any other fails at once", async () => {
    await apply("retry", {
      default: { image: "busybox:1.36", retry: { max: 2, exit_codes: [137] } },
      jobs: {
        oom: { script: ["exit 137"], kubernetes: failingWith(137) },
        bug: { script: ["exit 42"], kubernetes: failingWith(42) },
      },
    });
    const [oom, bug] = await Promise.all([finished("retry-oom"), finished("retry-bug")]);
    expect(outcome(oom)).toEqual({
      type: "Failed",
      reason: "BackoffLimitExceeded",
      failed: 3,
      succeeded: 0,
    });
    expect(outcome(bug)).toEqual({
      type: "Failed",
      reason: "PodFailurePolicy",
      failed: 1,
      succeeded: 0,
    });
  });

  it("no retry: one failure fails the Job (Kubernetes alone would have tried 7 times)", async () => {
    await apply("once", {
      jobs: { flaky: { image: "busybox:1.36", script: ["false"], kubernetes: failingWith(1) } },
    });
    expect(outcome(await finished("once-flaky"))).toEqual({
      type: "Failed",
      reason: "BackoffLimitExceeded",
      failed: 1,
      succeeded: 0,
    });
  });

  it("parallel: N completes every index; services run beside the job; the workspace binds", async () => {
    await apply("run", {
      jobs: {
        shard: {
          image: "node:22-alpine",
          script: ["npm test"],
          parallel: 3,
          services: ["postgres:16"],
        },
        matrix: { image: "alpine", script: ["true"], parallel: { matrix: [{ OS: ["a", "b"] }] } },
      },
    });
    const [shard, a, b] = await Promise.all([
      finished("run-shard"),
      finished("run-matrix-a"),
      finished("run-matrix-b"),
    ]);
    expect(outcome(shard)).toEqual({
      type: "Complete",
      reason: "CompletionsReached",
      failed: 0,
      succeeded: 3,
    });
    expect([outcome(a).type, outcome(b).type]).toEqual(["Complete", "Complete"]);
    const pods = await core.listNamespacedPod({
      namespace: ns.name,
      labelSelector: "job-name=run-shard",
    });
    expect(
      pods.items
        .map((pod) => pod.metadata?.annotations?.["batch.kubernetes.io/job-completion-index"])
        .sort(),
    ).toEqual(["0", "1", "2"]);
    expect(pods.items[0]?.spec?.initContainers?.map((c) => [c.name, c.restartPolicy])).toEqual([
      ["postgres", "Always"],
    ]);
    const claim = await core.readNamespacedPersistentVolumeClaim({
      name: "run-workspace",
      namespace: ns.name,
    });
    expect(claim.status?.phase).toBe("Bound");
  });

  it("a Job that waits for another is created suspended: no Pod until it is released", async () => {
    const [, test] = await apply("wait", {
      stages: ["build", "test"],
      jobs: {
        build: { stage: "build", image: "alpine", script: ["true"] },
        test: { stage: "test", image: "alpine", needs: ["build"], script: ["true"] },
      },
    });
    expect(test?.spec?.suspend).toBe(true);
    expect(outcome(await finished("wait-build")).type).toBe("Complete");
    const waiting = await batch.readNamespacedJob({ name: "wait-test", namespace: ns.name });
    expect(waiting.status?.conditions?.find((c) => c.type === "Suspended")?.status).toBe("True");
    const pods = await core.listNamespacedPod({
      namespace: ns.name,
      labelSelector: "job-name=wait-test",
    });
    expect(pods.items).toEqual([]);
    // What the runtime does once the needs have finished.
    await batch.patchNamespacedJob(
      { name: "wait-test", namespace: ns.name, body: { spec: { suspend: false } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    expect(outcome(await finished("wait-test")).type).toBe("Complete");
  });
});
