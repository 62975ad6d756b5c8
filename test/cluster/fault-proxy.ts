// An HTTP proxy between a client and kube-apiserver that injects the API server's bad days and
// counts every request. The client speaks plain HTTP to it (no credentials); the proxy forwards
// over TLS as the test kubeconfig's user. Faults come on a fixed schedule (the n-th request), so a
// test is repeatable:
// - `serverErrorEvery`: a 500 without reaching the API server;
// - `tooManyEvery`: a 429 with Retry-After;
// - `slowEvery`: the answer is held back `slowMs`;
// - `watchLifetimeMs`: every watch is cut after that long;
// - `logCutAfterBytes`: every followed Pod log (`/log?follow=true`) is cut after that many bytes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Agent, request as httpsRequest } from "node:https";
import { KubeConfig } from "@kubernetes/client-node";

export type Faults = {
  serverErrorEvery?: number;
  tooManyEvery?: number;
  retryAfterSeconds?: number;
  slowEvery?: number;
  slowMs?: number;
  watchLifetimeMs?: number;
  logCutAfterBytes?: number;
};

/** One request the proxy received: `path` without its query; `time` in ms since the epoch. */
export type SeenRequest = {
  readonly method: string;
  readonly path: string;
  /** The query's parameters. */
  readonly query: URLSearchParams;
  readonly watch: boolean;
  readonly time: number;
};

export type FaultProxy = {
  /** http://127.0.0.1:<port> */
  readonly server: string;
  /** Every request, in arrival order. */
  readonly requests: SeenRequest[];
  /** How many faults of each kind were injected. */
  readonly injected: {
    serverErrors: number;
    tooMany: number;
    slow: number;
    droppedWatches: number;
    cutLogs: number;
  };
  /** A kubeconfig whose server is the proxy. */
  kubeConfig(): KubeConfig;
  setFaults(faults: Faults): void;
  close(): Promise<void>;
};

const hits = (every: number | undefined, n: number) =>
  every !== undefined && n % every === every - 1;

/** Starts a proxy to the current cluster of `upstream`, as its current user. */
export async function startFaultProxy(
  upstream: KubeConfig,
  faults: Faults = {},
): Promise<FaultProxy> {
  const cluster = upstream.getCurrentCluster();
  if (cluster === null) throw new Error("no cluster in the upstream kubeconfig");
  const target = new URL(cluster.server);
  const tls: { ca?: unknown; cert?: unknown; key?: unknown } = {};
  await upstream.applyToHTTPSOptions(tls);
  const agent = new Agent({
    ca: tls.ca as string,
    cert: tls.cert as string,
    key: tls.key as string,
    keepAlive: true,
  });
  let current = faults;
  let count = 0;
  const requests: SeenRequest[] = [];
  const injected = { serverErrors: 0, tooMany: 0, slow: 0, droppedWatches: 0, cutLogs: 0 };
  const open = new Set<ServerResponse>();

  // Passes on the first `limit` bytes of a followed log, then cuts both connections.
  const cutAfter = (answer: IncomingMessage, res: ServerResponse, limit: number) => {
    let sent = 0;
    answer.on("data", (chunk: Buffer) => {
      if (sent >= limit) return;
      const part = chunk.subarray(0, limit - sent);
      sent += part.length;
      res.write(part);
      if (sent >= limit) {
        injected.cutLogs++;
        answer.destroy();
        res.destroy();
      }
    });
    answer.on("end", () => res.end());
  };

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    watch: boolean,
    delayMs: number,
    followedLog: boolean,
  ) => {
    const headers = { ...req.headers, host: target.host };
    delete headers.authorization;
    const out = httpsRequest(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      },
      (answer) => {
        const send = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          // Node holds the head back until the first body byte: a watch with no event yet (the
          // Pods of a run before its first Pod) would never answer the client.
          res.flushHeaders();
          const limit = current.logCutAfterBytes;
          if (followedLog && limit !== undefined && answer.statusCode === 200) {
            cutAfter(answer, res, limit);
            return;
          }
          answer.pipe(res);
          if (watch && current.watchLifetimeMs !== undefined) {
            setTimeout(() => {
              if (res.writableEnded) return;
              injected.droppedWatches++;
              answer.destroy();
              res.destroy();
            }, current.watchLifetimeMs).unref();
          }
        };
        if (delayMs > 0) setTimeout(send, delayMs);
        else send();
      },
    );
    out.on("error", () => res.destroy());
    res.on("close", () => out.destroy());
    req.pipe(out);
  };

  const server = createServer((req, res) => {
    open.add(res);
    res.on("close", () => open.delete(res));
    const url = new URL(req.url ?? "/", "http://proxy");
    const watch = url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1";
    requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      watch,
      time: Date.now(),
    });
    const n = count++;
    const reply = (code: number, reason: string, extra: Record<string, string> = {}) => {
      req.resume();
      res.writeHead(code, { "content-type": "application/json", ...extra });
      res.end(
        JSON.stringify({
          kind: "Status",
          apiVersion: "v1",
          status: "Failure",
          message: `injected by the fault proxy: ${reason}`,
          reason,
          code,
        }),
      );
    };
    if (hits(current.serverErrorEvery, n)) {
      injected.serverErrors++;
      reply(500, "InternalError");
      return;
    }
    if (hits(current.tooManyEvery, n)) {
      injected.tooMany++;
      reply(429, "TooManyRequests", { "retry-after": String(current.retryAfterSeconds ?? 1) });
      return;
    }
    const slow = hits(current.slowEvery, n) && !watch;
    if (slow) injected.slow++;
    const followedLog = url.pathname.endsWith("/log") && url.searchParams.get("follow") === "true";
    forward(req, res, watch, slow ? (current.slowMs ?? 500) : 0, followedLog);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    server: url,
    requests,
    injected,
    kubeConfig() {
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [{ name: "proxy", server: url, skipTLSVerify: true }],
        users: [{ name: "proxy" }],
        contexts: [{ name: "proxy", cluster: "proxy", user: "proxy" }],
        currentContext: "proxy",
      });
      return kc;
    },
    setFaults(next) {
      current = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of open) res.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
