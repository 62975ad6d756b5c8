// What a Job object says about its CI job, and what its Pod adds once it has finished: the main
// container's exit code and log.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CoreV1Api, V1Job, V1Pod } from "@kubernetes/client-node";
import { apiCall } from "./api-call.js";

/**
 * The container that runs the job: the Pod's one container (`job`, or `kaniko` for a
 * `kaniko.build()` job); the target puts services in init containers.
 */
export function jobContainer(pod: V1Pod | undefined): string {
  return pod?.spec?.containers[0]?.name ?? "job";
}

/** What the Job's status says: not started yet, running, or finished with its times. */
export type ObservedJob =
  | { readonly phase: "waiting" }
  | { readonly phase: "running" }
  | {
      readonly phase: "success" | "failed";
      readonly startTime?: Date;
      readonly endTime?: Date;
    };

/** Reads a Job's phase from its status (conditions Complete/Failed, active Pods). */
export function observeJob(job: V1Job): ObservedJob {
  const conditions = job.status?.conditions ?? [];
  const done = conditions.find(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  );
  if (done !== undefined) {
    const end = job.status?.completionTime ?? done.lastTransitionTime;
    return {
      phase: done.type === "Complete" ? "success" : "failed",
      ...(job.status?.startTime === undefined ? {} : { startTime: toDate(job.status.startTime) }),
      ...(end === undefined ? {} : { endTime: toDate(end) }),
    };
  }
  if (job.spec?.suspend !== true && ((job.status?.active ?? 0) > 0 || job.status?.ready)) {
    return { phase: "running" };
  }
  return { phase: "waiting" };
}

/** The Pod that decided a finished Job: the last failed one, else the last one. */
export async function finalPod(
  core: CoreV1Api,
  namespace: string,
  jobName: string,
): Promise<V1Pod | undefined> {
  const pods = await apiCall({ verb: "list", resource: "pods", group: "", namespace }, () =>
    core.listNamespacedPod({ namespace, labelSelector: `batch.kubernetes.io/job-name=${jobName}` }),
  );
  return decidingPod(pods.items);
}

/** Of a finished Job's Pods, the one that decided it: the last failed one, else the last one. */
export function decidingPod(pods: readonly V1Pod[]): V1Pod | undefined {
  const sorted = [...pods].sort(
    (a, b) => time(a.metadata?.creationTimestamp) - time(b.metadata?.creationTimestamp),
  );
  return sorted.filter((pod) => pod.status?.phase === "Failed").pop() ?? sorted.pop();
}

/** The main container's exit code, from its termination state. */
export function exitCode(pod: V1Pod | undefined): number | undefined {
  const main = jobContainer(pod);
  const status = pod?.status?.containerStatuses?.find((c) => c.name === main);
  return status?.state?.terminated?.exitCode ?? status?.lastState?.terminated?.exitCode;
}

/**
 * Writes the main container's log to `<directory>/<file>`: `followed` when given (the whole log,
 * as its live follower read it; see followed-log.ts), else the log fetched now. Returns the
 * path, or undefined when the Pod or its log is gone (the run goes on without it).
 */
export async function saveLog(
  core: CoreV1Api,
  pod: V1Pod | undefined,
  directory: string,
  jobName: string,
  followed?: string,
): Promise<string | undefined> {
  const name = pod?.metadata?.name;
  const namespace = pod?.metadata?.namespace;
  if (name === undefined || namespace === undefined) return undefined;
  try {
    const log =
      followed ??
      (await apiCall({ verb: "get", resource: "pods/log", group: "", namespace }, () =>
        core.readNamespacedPodLog({ name, namespace, container: jobContainer(pod) }),
      ));
    await mkdir(directory, { recursive: true });
    const path = join(directory, logFileName(jobName));
    await writeFile(path, log);
    return path;
  } catch {
    return undefined;
  }
}

/** A job's log file name: its GitLab name with anything but letters, digits, `.`, `_`, `-` as `-`. */
export function logFileName(jobName: string): string {
  return `${jobName.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "job"}.log`;
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function time(value: Date | string | undefined): number {
  return value === undefined ? 0 : toDate(value).getTime();
}
