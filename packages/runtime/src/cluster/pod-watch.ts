// An informer on a run's Pods by label selector, for the live logs: it says when a container
// starts (its log can be followed) and when it ends (its follower reads the rest and stops),
// without a request per Pod. Restarted with backoff when it stops on an error.
import { CoreV1Api, type KubeConfig, makeInformer, type V1Pod } from "@kubernetes/client-node";
import { apiCall } from "./api-call.js";
import { slimPod } from "./slim-object.js";

/** A running Pod watch. */
export type PodWatch = { stop(): Promise<void> };

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
  let stopped = false;
  let failures = 0;
  informer.on("add", (pod) => changed(slimPod(pod), false));
  informer.on("update", (pod) => changed(slimPod(pod), false));
  informer.on("delete", (pod) => changed(slimPod(pod), true));
  informer.on("connect", () => {
    failures = 0;
  });
  informer.on("error", () => {
    if (stopped) return;
    failures++;
    const delay = Math.min(200 * 2 ** Math.min(failures, 5), 5_000);
    setTimeout(() => {
      if (!stopped) informer.start().catch(() => {});
    }, delay).unref();
  });
  await informer.start();
  return {
    stop: async () => {
      stopped = true;
      await informer.stop();
    },
  };
}
