// client-node's informer relists on 410 Gone and reconnects when a watch ends, but on an error it
// stops. Every watch of a run is kept alive the same way: restarted with backoff until stopped,
// and, when the watch is one the run cannot do without, a permanent error (403, a missing
// namespace) ends the run through `fatal`.
import type { Informer, KubernetesObject } from "@kubernetes/client-node";
import { type ApiRequest, ClusterError, isTransient, permanentProblem } from "./api-call.js";

/** A running watch. */
export type RunningInformer = { stop(): Promise<void> };

/** How a failed list or watch is judged: its request, and who hears of a permanent error. */
export type InformerFailure = {
  readonly request: ApiRequest;
  readonly fatal: (error: Error) => void;
};

/**
 * Starts `informer` (resolving once its first list has been delivered) and restarts it with
 * backoff after each error, up to 5 s apart (twice that for errors that are not transient).
 * Without `failure`, every error is retried.
 */
export async function keepInformerRunning<T extends KubernetesObject>(
  informer: Informer<T>,
  failure?: InformerFailure,
): Promise<RunningInformer> {
  let stopped = false;
  let failures = 0;
  informer.on("connect", () => {
    failures = 0;
  });
  informer.on("error", (error: unknown) => {
    if (stopped) return;
    if (failure !== undefined) {
      const permanent = permanentProblem(failure.request, error);
      if (permanent !== undefined || error instanceof ClusterError) {
        failure.fatal(error instanceof ClusterError ? error : new ClusterError(permanent));
        return;
      }
    }
    // Dropped or failed watches are retried whatever the error: a watch that cannot be
    // re-established keeps trying, with backoff, until the run is cancelled.
    failures++;
    const delay = Math.min(200 * 2 ** Math.min(failures, 5), 5_000) * (isTransient(error) ? 1 : 2);
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
