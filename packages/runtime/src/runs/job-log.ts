// `pipecraft logs JOB --run ID` when the log is not on this machine (another client ran it, or it
// is still running): the job's Pod log, read or followed from the cluster.
import { PassThrough } from "node:stream";
import { type CoreV1Api, type KubeConfig, Log } from "@kubernetes/client-node";
import { apiCall, ClusterError } from "../cluster/api-call.js";
import { jobContainer } from "../cluster/job-outcome.js";
import type { RunInfo } from "./run-records.js";

/**
 * Writes the log of `job` of `run` to `out`; with `follow`, keeps writing until the container
 * ends. A job with no Pod (not started, or cleaned up) is a ClusterError saying so.
 */
export async function writeJobLog(
  kubeConfig: KubeConfig,
  core: CoreV1Api,
  run: RunInfo,
  job: string,
  out: { write(text: string): unknown },
  follow: boolean,
): Promise<void> {
  const planned = run.plan?.jobs.find((candidate) => candidate.name === job);
  if (planned === undefined) {
    const names = run.plan?.jobs.map((candidate) => candidate.name) ?? [];
    throw new ClusterError(
      `run ${run.runId} has no job "${job}"${names.length === 0 ? "" : `; its jobs: ${names.join(", ")}`}`,
    );
  }
  const namespace = run.namespace;
  const pods = await apiCall({ verb: "list", resource: "pods", group: "", namespace }, () =>
    core.listNamespacedPod({
      namespace,
      labelSelector: `batch.kubernetes.io/job-name=${planned.objectName}`,
    }),
  );
  const pod = pods.items
    .filter((candidate) => candidate.metadata?.name !== undefined)
    .sort(
      (a, b) =>
        new Date(a.metadata?.creationTimestamp ?? 0).getTime() -
        new Date(b.metadata?.creationTimestamp ?? 0).getTime(),
    )
    .at(-1);
  const name = pod?.metadata?.name;
  if (name === undefined) {
    throw new ClusterError(
      `job "${job}" of run ${run.runId} has no Pod in namespace "${namespace}" (not started yet, or removed)`,
    );
  }
  if (!follow) {
    const text = await apiCall({ verb: "get", resource: "pods/log", group: "", namespace }, () =>
      core.readNamespacedPodLog({ name, namespace, container: jobContainer(pod) }),
    );
    out.write(text);
    return;
  }
  // The client pipes the response into the stream it is given and ends it at the end: a
  // PassThrough of our own keeps `out` (stdout) open.
  const through = new PassThrough();
  through.setEncoding("utf8");
  through.on("data", (text: string) => out.write(text));
  const ended = new Promise<void>((resolve, reject) => {
    through.once("end", resolve);
    through.once("error", reject);
  });
  await apiCall({ verb: "get", resource: "pods/log", group: "", namespace }, () =>
    new Log(kubeConfig).log(namespace, name, jobContainer(pod), through, { follow: true }),
  );
  await ended;
}
