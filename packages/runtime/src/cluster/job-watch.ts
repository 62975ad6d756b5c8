// The one watch of a run: an informer (list, then watch from its resourceVersion) on the run's
// Jobs by label selector. The client's informer relists on 410 Gone and reconnects when a watch
// ends; on an error it stops, so it is restarted here with backoff. A permanent error (403) ends
// the run through `onFatal`.
import {
  type BatchV1Api,
  type KubeConfig,
  makeInformer,
  type V1Job,
} from "@kubernetes/client-node";
import { apiCall } from "./api-call.js";
import { keepInformerRunning, type RunningInformer } from "./keep-informer-running.js";
import { slimJob } from "./slim-object.js";

/** A running watch. */
export type JobWatch = RunningInformer;

/** What the watch reports: every added or changed Job, every deleted one, a fatal error. */
export type JobWatchHandlers = {
  readonly changed: (job: V1Job) => void;
  readonly deleted: (job: V1Job) => void;
  readonly fatal: (error: Error) => void;
};

/**
 * Starts watching the Jobs of `namespace` matching `selector`; resolves once the first list has
 * been delivered.
 */
export async function watchJobs(
  kubeConfig: KubeConfig,
  batch: BatchV1Api,
  namespace: string,
  selector: string,
  handlers: JobWatchHandlers,
): Promise<JobWatch> {
  const request = { verb: "watch", resource: "jobs", group: "batch", namespace };
  const list = () =>
    apiCall({ ...request, verb: "list" }, () =>
      batch.listNamespacedJob({ namespace, labelSelector: selector }),
    );
  const informer = makeInformer<V1Job>(
    kubeConfig,
    `/apis/batch/v1/namespaces/${namespace}/jobs`,
    list,
    selector,
  );
  informer.on("add", (job) => handlers.changed(slimJob(job)));
  informer.on("update", (job) => handlers.changed(slimJob(job)));
  informer.on("delete", (job) => handlers.deleted(slimJob(job)));
  return keepInformerRunning(informer, { request, fatal: handlers.fatal });
}
