// One watch per run on the namespace's `FailedCreate` Events of Jobs (field selector, so a run
// whose Pods are all created gets none): the Job controller's only word when the API server
// refuses a job's Pods. A constant two requests per run (list, then watch), never one per job.
// Restarted with backoff when it stops on an error; a permanent error (403) ends the run.
import {
  CoreV1Api,
  type CoreV1Event,
  type KubeConfig,
  ListWatch,
  Watch,
} from "@kubernetes/client-node";
import { apiCall } from "./api-call.js";
import { keepInformerRunning, type RunningInformer } from "./keep-informer-running.js";

/** A running watch. */
export type RefusedPodsWatch = RunningInformer;

/** The Events the watch asks for. */
export const FAILED_CREATE_SELECTOR = "involvedObject.kind=Job,reason=FailedCreate";

/**
 * Watches the `FailedCreate` Events of the Jobs of `namespace`; `refused` gets the Job's name
 * and the event's message (again when the event is updated). Resolves once the first list has
 * been delivered.
 */
export async function watchRefusedPods(
  kubeConfig: KubeConfig,
  namespace: string,
  handlers: {
    readonly refused: (jobName: string, message: string) => void;
    readonly fatal: (error: Error) => void;
  },
): Promise<RefusedPodsWatch> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const request = { verb: "watch", resource: "events", group: "", namespace };
  const informer = new ListWatch<CoreV1Event>(
    `/api/v1/namespaces/${namespace}/events`,
    new Watch(kubeConfig),
    () =>
      apiCall({ ...request, verb: "list" }, () =>
        core.listNamespacedEvent({ namespace, fieldSelector: FAILED_CREATE_SELECTOR }),
      ),
    false,
    undefined,
    FAILED_CREATE_SELECTOR,
  );
  const seen = (event: CoreV1Event) => {
    const name = event.involvedObject?.name;
    if (name !== undefined && event.message !== undefined) handlers.refused(name, event.message);
  };
  informer.on("add", seen);
  informer.on("update", seen);
  return keepInformerRunning(informer, { request, fatal: handlers.fatal });
}
