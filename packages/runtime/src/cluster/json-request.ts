// A request to the API server with a JSON body and a JSON answer, sent with Node's own http(s)
// module, for commands that make many small requests (`apply`): the kubeconfig's credentials and
// TLS settings (applyToHTTPSOptions, which also waits for the client-side rate limit) on a shared
// keep-alive agent, without client-node's fetch layer and typed (de)serialization, which cost
// more CPU than the request. A refusal is an ApiException like client-node's own, so apiCall
// retries it and words it the same way.
import http from "node:http";
import https from "node:https";
import { ApiException, type KubeConfig } from "@kubernetes/client-node";
import { agentPool } from "./keep-alive-agent.js";

/** One request: the API path (`/apis/batch/v1/namespaces/ci/jobs`), its query and its body. */
export type JsonRequest = {
  readonly method: "GET" | "PATCH" | "DELETE";
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Of the body: `application/apply-patch+yaml` for server-side apply (JSON is YAML). */
  readonly contentType?: string;
};

/** Sends a request; resolves to the parsed answer, rejects with an ApiException or a socket error. */
export type JsonClient = (request: JsonRequest) => Promise<unknown>;

/**
 * A JsonClient for the current cluster and user of `kubeConfig`, its connections kept alive.
 * @example await jsonClient(kc)({ method: "GET", path: "/api/v1/namespaces/ci/configmaps" })
 */
export function jsonClient(kubeConfig: KubeConfig): JsonClient {
  const agents = agentPool();
  return async (request) => {
    const server = new URL(kubeConfig.getCurrentCluster()?.server ?? "");
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) query.set(name, String(value));
    }
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const options: https.RequestOptions = {
      method: request.method,
      headers: {
        Accept: "application/json",
        ...(body === undefined
          ? {}
          : {
              "Content-Type": request.contentType ?? "application/json",
              "Content-Length": Buffer.byteLength(body),
            }),
      },
    };
    await kubeConfig.applyToHTTPSOptions(options);
    const search = `${query}` === "" ? "" : `?${query}`;
    const secure = server.protocol !== "http:";
    return send(secure ? https : http, body, {
      ...options,
      protocol: server.protocol,
      hostname: server.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: server.port === "" ? undefined : server.port,
      path: `${server.pathname.replace(/\/$/, "")}${request.path}${search}`,
      ...(options.agent instanceof http.Agent ? { agent: agents(options.agent) } : {}),
    });
  };
}

function send(
  transport: typeof http | typeof https,
  body: string | undefined,
  options: https.RequestOptions,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = transport.request(options, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const code = response.statusCode ?? 0;
        let parsed: unknown = text;
        try {
          parsed = text === "" ? undefined : JSON.parse(text);
        } catch {
          // Not JSON (a proxy's error page): kept as text.
        }
        if (code >= 200 && code < 300) resolve(parsed);
        else {
          const headers = Object.fromEntries(
            Object.entries(response.headers).map(([name, value]) => [name, String(value)]),
          );
          reject(new ApiException(code, response.statusMessage ?? "", parsed, headers));
        }
      });
    });
    request.on("error", reject);
    request.end(body);
  });
}
