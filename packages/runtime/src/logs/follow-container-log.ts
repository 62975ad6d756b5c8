// Follows one container's log while it runs, across cut streams: each new request resumes from
// the cursor (log-cursor.ts), so that no line is printed twice or lost. A stream that ends while
// the container still runs (a log server that does not follow, a proxy that closed it) is opened
// again after a short wait, or at once when the container is seen to have ended; after the
// container ended, one last plain read gets whatever is left, and the follower stops.
import { ApiException, type KubeConfig } from "@kubernetes/client-node";
import { isTransient } from "../cluster/api-call.js";
import { START_CURSOR, splitTimestamp, streamReader } from "./log-cursor.js";
import { requestPodLog } from "./pod-log-request.js";

/** What a follower needs: the container, whether it has ended, and where its lines go. */
export type FollowContainerOptions = {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** True once the container has terminated (or its Pod is gone): read what is left, stop. */
  readonly ended: () => boolean;
  /** Each new line, without its timestamp. */
  readonly line: (text: string) => void;
  /** Stops following at once. */
  readonly signal: AbortSignal;
};

/**
 * A running follower: `wake` says its Pod changed; a waiting follower retries now, and once the
 * container has ended an open followed stream is closed for the last plain read (a log server
 * that keeps a followed stream open after the container ended then cannot hold the run). `done`
 * settles once it has stopped: true when it read the log to its end (its last plain read, after
 * the container ended, was read whole), so that its lines are the whole log; false when it
 * stopped short (stopped, gave up, or the Pod went away).
 */
export type ContainerFollower = { readonly done: Promise<boolean>; wake(): void };

const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 5_000;
/** Failed requests in a row after which the follower gives up (the saved log still has it all). */
const MOST_FAILURES = 8;

/** Starts following a container's log; `done` settles when it has stopped (never rejects). */
export function followContainerLog(options: FollowContainerOptions): ContainerFollower {
  let wakeUp: (() => void) | undefined;
  let following: AbortController | undefined;
  const wake = () => {
    wakeUp?.();
    if (following !== undefined && options.ended()) following.abort();
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        options.signal.removeEventListener("abort", done);
        resolve();
      }
      wakeUp = done;
      options.signal.addEventListener("abort", done, { once: true });
    });
  const loop = async (): Promise<boolean> => {
    let cursor = START_CURSOR;
    let wait = FIRST_WAIT_MS;
    let failures = 0;
    for (;;) {
      if (options.signal.aborted) return false;
      const last = options.ended();
      const reader = streamReader(cursor);
      let fresh = false;
      const request = new AbortController();
      const stop = () => request.abort();
      options.signal.addEventListener("abort", stop, { once: true });
      if (!last) following = request;
      try {
        const outcome = await requestPodLog(
          options.kubeConfig,
          {
            namespace: options.namespace,
            pod: options.pod,
            container: options.container,
            follow: !last,
            ...(cursor.key === undefined ? {} : { sinceTime: sinceTime(cursor.key) }),
          },
          (raw) => {
            const line = splitTimestamp(raw);
            if (!reader.accept(line)) return;
            fresh = true;
            options.line(line.text);
          },
          request.signal,
        );
        cursor = reader.cursor();
        failures = 0;
        if (last && outcome === "ended") return !request.signal.aborted;
      } catch (error) {
        cursor = reader.cursor();
        // A Pod that is gone has nothing more to say; a container not started yet (400) is
        // waited for, as are transient failures.
        if (error instanceof ApiException && error.code === 404) return false;
        const retried = isTransient(error) || (error instanceof ApiException && error.code === 400);
        if (!retried || ++failures >= MOST_FAILURES) return false;
      } finally {
        following = undefined;
        options.signal.removeEventListener("abort", stop);
      }
      wait = fresh ? FIRST_WAIT_MS : Math.min(wait * 2, LONGEST_WAIT_MS);
      if (!options.ended()) await pause(wait);
    }
  };
  return { done: loop().catch(() => false), wake };
}

// The cursor's key back to RFC 3339 (second precision: the cursor skips what repeats).
function sinceTime(key: string): string {
  const seconds = Number(key.slice(0, key.indexOf(".")));
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, "Z");
}
