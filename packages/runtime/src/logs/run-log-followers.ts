// The live logs of a run: every Pod of the run the watch reports gets a follower for its job
// container (and, when asked, for each service sidecar) once that container has started. The
// lines go to `line` with the job's name. A job container's lines are also kept until its job's
// log file is written (`followedLog`, followed-log.ts): a follower that read the log to its end
// spares that file its read.
import { setMaxListeners } from "node:events";
import type { KubeConfig, V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import { jobContainer } from "../cluster/job-outcome.js";
import { type ContainerFollower, followContainerLog } from "./follow-container-log.js";
import type { FollowedLog } from "./followed-log.js";

/** Where the lines of a run's containers go: `container` is set for a service's lines only. */
export type LogLineHandler = (job: string, container: string | undefined, text: string) => void;

/** The followers of a run. */
export type RunLogFollowers = {
  /** A Pod of the run was added, changed or deleted (from the Pod watch). */
  observed(pod: V1Pod, deleted: boolean): void;
  /** Resolves when every follower has stopped, stopping them all after `graceMs`. */
  settle(graceMs: number): Promise<void>;
  /** Stops every follower at once. */
  stop(): void;
  /**
   * What the follower of a Pod's job container read, once it has stopped (undefined when that
   * container is not followed); asked once, when its job has ended.
   */
  followedLog(pod: string): Promise<FollowedLog | undefined>;
};

/** The Job label the Job controller puts on its Pods. */
const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

/** Starts the followers of a run; `jobOf` maps a Kubernetes Job name to its CI job's name. */
export function runLogFollowers(options: {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  readonly services: boolean;
  readonly jobOf: (objectName: string) => string | undefined;
  readonly line: LogLineHandler;
}): RunLogFollowers {
  const controller = new AbortController();
  // Every follower under way listens to it (and stops listening when it ends): past 10 of them,
  // Node would print a MaxListenersExceededWarning on the user's terminal.
  setMaxListeners(0, controller.signal);
  const pods = new Map<string, { pod: V1Pod; deleted: boolean }>();
  const followers = new Map<string, ContainerFollower>();
  // The lines of each followed job container (by Pod) not asked for yet; a Pod asked for before
  // its follower started is marked undefined: its file is read, its lines need not be kept.
  const kept = new Map<string, { lines: string[]; done: Promise<boolean> } | undefined>();

  const ended = (podName: string, container: string) => () => {
    const seen = pods.get(podName);
    if (seen === undefined || seen.deleted) return true;
    const phase = seen.pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") return true;
    return statusOf(seen.pod, container)?.state?.terminated !== undefined;
  };

  return {
    observed(pod, deleted) {
      const podName = pod.metadata?.name;
      const job = options.jobOf(pod.metadata?.labels?.[JOB_NAME_LABEL] ?? "");
      if (podName === undefined || job === undefined || controller.signal.aborted) return;
      pods.set(podName, { pod, deleted });
      for (const container of followedContainers(pod, options.services)) {
        const key = `${podName}/${container}`;
        const running = followers.get(key);
        if (running !== undefined) {
          running.wake();
          continue;
        }
        const status = statusOf(pod, container);
        if (deleted || (status?.state?.running === undefined && !status?.state?.terminated))
          continue;
        const service = container === jobContainer(pod) ? undefined : container;
        const lines: string[] | undefined =
          service === undefined && !kept.has(podName) ? [] : undefined;
        const follower = followContainerLog({
          kubeConfig: options.kubeConfig,
          namespace: options.namespace,
          pod: podName,
          container,
          ended: ended(podName, container),
          line: (text) => {
            lines?.push(text);
            options.line(job, service, text);
          },
          signal: controller.signal,
        });
        followers.set(key, follower);
        if (lines !== undefined) kept.set(podName, { lines, done: follower.done });
      }
    },
    async settle(graceMs) {
      const timer = setTimeout(() => controller.abort(), graceMs);
      await Promise.all([...followers.values()].map((follower) => follower.done));
      clearTimeout(timer);
    },
    stop() {
      controller.abort();
    },
    async followedLog(pod) {
      const entry = kept.get(pod);
      kept.set(pod, undefined);
      if (entry === undefined) return undefined;
      const complete = await entry.done;
      // Taken out of the follower's array, which lives as long as the run.
      return { lines: entry.lines.splice(0), complete };
    },
  };
}

// The job container, and the service sidecars (init containers that restart: Always) if asked.
function followedContainers(pod: V1Pod, services: boolean): string[] {
  const sidecars = services
    ? (pod.spec?.initContainers ?? [])
        .filter((container) => container.restartPolicy === "Always")
        .map((container) => container.name)
    : [];
  return [...sidecars, jobContainer(pod)];
}

function statusOf(pod: V1Pod, container: string): V1ContainerStatus | undefined {
  return [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ].find((status) => status.name === container);
}
