// The run's Pods as its Pod watch last reported them (the watch of the live logs), so that a
// finished Job's deciding Pod (exit code, log) is known without a list of its Pods — when the
// watch has seen every Pod the Job counts as ended; otherwise the Pods are listed as before.
import type { V1Job, V1Pod } from "@kubernetes/client-node";
import { decidingPod, exitCode } from "./job-outcome.js";

/** The Job label the Job controller puts on its Pods. */
const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

/** A run's Pods, by Job. */
export type RunPods = {
  /** A Pod of the run was added, changed or deleted (from the Pod watch). */
  observed(pod: V1Pod, deleted: boolean): void;
  /**
   * The Pod that decided a finished Job, when the watch has seen each of the Pods the Job's
   * status counts as succeeded or failed, and the deciding one's exit code; else undefined.
   */
  decided(job: V1Job): V1Pod | undefined;
};

/** An empty set of a run's Pods. */
export function runPods(): RunPods {
  const byJob = new Map<string, Map<string, V1Pod>>();
  return {
    observed(pod, deleted) {
      const job = pod.metadata?.labels?.[JOB_NAME_LABEL];
      const name = pod.metadata?.name;
      if (job === undefined || name === undefined) return;
      const pods = byJob.get(job) ?? new Map<string, V1Pod>();
      if (deleted) pods.delete(name);
      else pods.set(name, pod);
      if (pods.size === 0) byJob.delete(job);
      else byJob.set(job, pods);
    },
    decided(job) {
      return decidedPod(job, [...(byJob.get(job.metadata?.name ?? "")?.values() ?? [])]);
    },
  };
}

/**
 * Of the Pods seen of a finished Job, the deciding one, when they are all the Job counts
 * (`status.succeeded` + `status.failed`, all ended) and its exit code is known; else undefined
 * (the caller lists the Job's Pods).
 */
export function decidedPod(job: V1Job, seen: readonly V1Pod[]): V1Pod | undefined {
  const counted = (job.status?.succeeded ?? 0) + (job.status?.failed ?? 0);
  const ended = seen.filter(
    (pod) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed",
  );
  if (counted === 0 || ended.length !== counted || ended.length !== seen.length) return undefined;
  const pod = decidingPod(ended);
  return exitCode(pod) === undefined ? undefined : pod;
}
