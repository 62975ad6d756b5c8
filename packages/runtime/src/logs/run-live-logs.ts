// The live logs of a run, as one piece: a Pod watch of the run feeding its followers
// (run-log-followers.ts). A client keeps one for its whole life on a run, so that an attached
// client that first watches and then schedules the run follows each container once: the
// followers, and their cursors, outlive the change of role.
import type { KubeConfig, V1Job, V1Pod } from "@kubernetes/client-node";
import { watchPods } from "../cluster/pod-watch.js";
import { runPods } from "../cluster/run-pods.js";
import { runSelector } from "../cluster/run-record.js";
import type { RunPlan } from "../plan/run-plan.js";
import type { FollowedLog } from "./followed-log.js";
import { type LogLineHandler, runLogFollowers } from "./run-log-followers.js";

/** A run's live logs, followed until `end`. */
export type RunLiveLogs = {
  /** Waits up to `graceMs` for the followers' last lines (0: none), then stops following. */
  end(graceMs: number): Promise<void>;
  /**
   * The Pod that decided a finished Job as the Pod watch saw it (run-pods.ts), sparing a list of
   * its Pods; undefined when the watch has not seen them all.
   */
  decidedPod(job: V1Job): V1Pod | undefined;
  /** What the follower of `pod`'s job container read, once it stopped (run-log-followers.ts). */
  followedLog(pod: string): Promise<FollowedLog | undefined>;
};

/** Starts following the logs of `plan`'s run (`services`: the service sidecars' too). */
export async function followRunLogs(options: {
  readonly kubeConfig: KubeConfig;
  readonly plan: RunPlan;
  readonly services: boolean;
  readonly line: LogLineHandler;
}): Promise<RunLiveLogs> {
  const { kubeConfig, plan } = options;
  const jobs = new Map(plan.jobs.map((job) => [job.objectName, job.name]));
  const followers = runLogFollowers({
    kubeConfig,
    namespace: plan.namespace,
    services: options.services,
    jobOf: (objectName) => jobs.get(objectName),
    line: options.line,
  });
  const seen = runPods();
  const pods = await watchPods(kubeConfig, plan.namespace, runSelector(plan), (pod, deleted) => {
    seen.observed(pod, deleted);
    followers.observed(pod, deleted);
  });
  let ended: Promise<void> | undefined;
  return {
    end(graceMs) {
      if (graceMs <= 0) followers.stop();
      ended ??= (async () => {
        await followers.settle(graceMs);
        await pods.stop();
      })();
      return ended;
    },
    decidedPod: (job) => seen.decided(job),
    followedLog: (pod) => followers.followedLog(pod),
  };
}
