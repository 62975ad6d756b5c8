// An informer on a run's Pods by label selector, for the live logs: it says when a container
// starts (its log can be followed) and when it ends (its follower reads the rest and stops),
// without a request per Pod. Restarted with backoff when it stops on an error.
import { CoreV1Api, type KubeConfig, makeInformer, type V1Pod } from "@kubernetes/client-node";
import { apiCall } from "./api-call.js";
import { keepInformerRunning, type RunningInformer } from "./keep-informer-running.js";
import { slimPod } from "./slim-object.js";

/** A running Pod watch. */
export type PodWatch = RunningInformer;

/** Starts watching the Pods of `namespace` matching `selector`; `changed` gets every change. */
export async function watchPods(
  kubeConfig: KubeConfig,
  namespace: string,
  selector: string,
  changed: (pod: V1Pod, deleted: boolean) => void,
): Promise<PodWatch> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const informer = makeInformer<V1Pod>(
    kubeConfig,
    `/api/v1/namespaces/${namespace}/pods`,
    () =>
      apiCall({ verb: "list", resource: "pods", group: "", namespace }, () =>
        core.listNamespacedPod({ namespace, labelSelector: selector }),
      ),
    selector,
  );
  informer.on("add", (pod) => changed(slimPod(pod), false));
  informer.on("update", (pod) => changed(slimPod(pod), false));
  informer.on("delete", (pod) => changed(slimPod(pod), true));
  return keepInformerRunning(informer);
}
