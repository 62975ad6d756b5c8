// One request for a container's log, as lines: `GET …/pods/<pod>/log?timestamps=true`, followed
// or not. Made with node:http(s) and the kubeconfig's TLS and credentials (and so its rate
// limit), because the outcome of the stream matters here: a stream that ends and one that is cut
// (reset, aborted) are told apart, which client-node's Log helper does not report.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest, type RequestOptions } from "node:https";
import { ApiException, type KubeConfig } from "@kubernetes/client-node";

/** What one log request asks for. */
export type PodLogQuery = {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly follow: boolean;
  /** RFC 3339: only lines at or after it (a log server may ignore it). */
  readonly sinceTime?: string;
};

/** How a log request ended: every line was read (`ended`), or the connection broke (`cut`). */
export type PodLogOutcome = "ended" | "cut";

/**
 * Streams the log of `query` to `line`, one complete line at a time (a last line without its
 * newline is handed over only when the stream ended, not when it was cut). Rejects with an
 * ApiException on an HTTP error; resolves with how the stream ended. `signal` aborts it.
 */
export async function requestPodLog(
  kubeConfig: KubeConfig,
  query: PodLogQuery,
  line: (text: string) => void,
  signal: AbortSignal,
): Promise<PodLogOutcome> {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null) throw new Error("the kubeconfig has no current cluster");
  const url = new URL(
    `/api/v1/namespaces/${encodeURIComponent(query.namespace)}/pods/${encodeURIComponent(query.pod)}/log`,
    cluster.server,
  );
  url.searchParams.set("container", query.container);
  url.searchParams.set("timestamps", "true");
  url.searchParams.set("follow", String(query.follow));
  if (query.sinceTime !== undefined) url.searchParams.set("sinceTime", query.sinceTime);
  const options: RequestOptions = { headers: {} };
  await kubeConfig.applyToHTTPSOptions(options);
  const send = url.protocol === "http:" ? httpRequest : httpsRequest;
  return new Promise<PodLogOutcome>((resolve, reject) => {
    if (signal.aborted) {
      resolve("ended");
      return;
    }
    const req = send(url, { ...options, method: "GET", signal }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () =>
          reject(new ApiException(res.statusCode ?? 500, "log request failed", body, {})),
        );
        res.on("error", reject);
        return;
      }
      res.setEncoding("utf8");
      let partial = "";
      let settled = false;
      const settle = (outcome: PodLogOutcome) => {
        if (settled) return;
        settled = true;
        resolve(outcome);
      };
      res.on("data", (chunk: string) => {
        const parts = (partial + chunk).split("\n");
        partial = parts.pop() ?? "";
        for (const part of parts) line(part);
      });
      res.on("end", () => {
        if (partial !== "") line(partial);
        settle("ended");
      });
      res.on("aborted", () => settle("cut"));
      res.on("error", () => settle("cut"));
      res.on("close", () => settle(res.complete ? "ended" : "cut"));
    });
    req.on("error", (error) => {
      if (signal.aborted) resolve("ended");
      else reject(error);
    });
    req.end();
  });
}
