// What the real-node tests share: a Pod Security `baseline` namespace, synthesizing a pipeline with
// the Kubernetes target and creating its claim and Jobs, waiting for Jobs, reading job logs.
import { BatchV1Api, CoreV1Api, type V1Job } from "@kubernetes/client-node";
import { type PipelineInput, validatePipeline } from "pipecraft";
import { expect } from "vitest";
// The documents-level function, below the main entry: straight from the package's source.
import { toKubernetesManifests } from "../../packages/kubernetes/src/index.js";
import { createNamespace, waitFor } from "../cluster/helpers.js";
import { testKubeConfig } from "../cluster/kubeconfig.js";
import { NODE_IMAGES } from "../cluster/real-node.js";

export const kc = testKubeConfig();
export const batch = kc.makeApiClient(BatchV1Api);
export const core = kc.makeApiClient(CoreV1Api);
export { NODE_IMAGES };

/** A fresh namespace where Pod Security admission enforces `baseline`. */
export function baselineNamespace(prefix: string) {
  return createNamespace(kc, prefix, { "pod-security.kubernetes.io/enforce": "baseline" });
}

/**
 * Synthesizes `input` into `namespace`, creates the workspace claim and every Job (each first
 * passed through `edit`, when given).
 */
export async function applyPipeline(
  namespace: string,
  name: string,
  input: PipelineInput,
  edit?: (job: V1Job) => V1Job,
): Promise<V1Job[]> {
  const { pipeline, diagnostics } = validatePipeline({
    kind: "pipecraft.pipeline",
    input,
    options: {},
  });
  if (pipeline === undefined) throw new Error(JSON.stringify(diagnostics));
  const manifests = toKubernetesManifests(pipeline, { name, namespace });
  expect(manifests.diagnostics).toEqual([]);
  // No storageClassName: the cluster's default StorageClass (the hostPath provisioner) binds it.
  await core.createNamespacedPersistentVolumeClaim({ namespace, body: manifests.workspace });
  const jobs = manifests.jobs.map(({ job }) => (edit === undefined ? job : edit(job)));
  for (const job of jobs) await batch.createNamespacedJob({ namespace, body: job });
  return jobs;
}

/** The Job once it is Complete or Failed. */
export function finished(namespace: string, name: string, timeoutMs = 180_000): Promise<V1Job> {
  return waitFor(
    `Job ${namespace}/${name} to finish`,
    async () => {
      const job = await batch.readNamespacedJob({ name, namespace });
      const done = job.status?.conditions?.find(
        (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
      );
      return done ? job : undefined;
    },
    { timeoutMs, intervalMs: 500 },
  );
}

/** "Complete" or "Failed" (with the reason) and the counts of a finished Job. */
export function outcome(job: V1Job) {
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

/** The Pods of a Job, oldest first. */
export async function jobPods(namespace: string, job: string) {
  const pods = await core.listNamespacedPod({ namespace, labelSelector: `job-name=${job}` });
  return pods.items.sort((a, b) =>
    String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)),
  );
}

/** The log of the `job` container of each Pod of the Job (through the API server and kubelet). */
export async function jobLogs(namespace: string, job: string): Promise<string[]> {
  const logs: string[] = [];
  for (const pod of await jobPods(namespace, job)) {
    logs.push(
      await core.readNamespacedPodLog({ name: pod.metadata!.name!, namespace, container: "job" }),
    );
  }
  return logs;
}

/** The exit code of the `job` container of a Pod of the Job. */
export async function exitCodes(namespace: string, job: string): Promise<(number | undefined)[]> {
  return (await jobPods(namespace, job)).map(
    (pod) =>
      pod.status?.containerStatuses?.find((c) => c.name === "job")?.state?.terminated?.exitCode,
  );
}
