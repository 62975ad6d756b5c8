// Every call the runtime makes to the API server goes through `apiCall`: transient failures (429,
// 5xx, a dropped connection) are retried with backoff, honouring Retry-After; permanent ones
// (403, a missing namespace, 401) become one ClusterError line that names the verb, the resource,
// the namespace, and the RBAC rule that would fix it. Anything else is the caller's to handle.
import { ApiException } from "@kubernetes/client-node";

/** What a call does, for messages: `create` `jobs` in API group `batch`, in `namespace`. */
export type ApiRequest = {
  readonly verb: string;
  readonly resource: string;
  /** The API group ("" for the core group). */
  readonly group: string;
  readonly namespace: string;
};

/** How often and how long transient failures are retried. */
export type RetryPolicy = {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
};

/** Six attempts, 200 ms doubling up to 5 s (about 10 s in all). */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A permanent problem with the cluster: the message is one complete, user-facing line. */
export class ClusterError extends Error {
  override readonly name = "ClusterError";
}

const TRANSIENT_CODES = new Set([429, 500, 502, 503, 504]);
const TRANSIENT_ERRNO = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
]);

/**
 * Runs `call`, retrying transient failures; turns permanent ones into a ClusterError.
 * @example await apiCall({ verb: "create", resource: "jobs", group: "batch", namespace }, () => batch.createNamespacedJob({ namespace, body }))
 */
export async function apiCall<T>(
  request: ApiRequest,
  call: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const permanent = permanentProblem(request, error);
      if (permanent !== undefined) throw new ClusterError(permanent);
      if (!isTransient(error)) throw error;
      if (attempt >= policy.attempts) {
        throw new ClusterError(
          `could not ${request.verb} ${resourceName(request)} in namespace "${request.namespace}" after ${attempt} attempts: ${describe(error)}`,
        );
      }
      await policy.sleep(retryDelay(error, attempt, policy));
    }
  }
}

/** True for a failure worth retrying: 429, 5xx, or a connection that failed or dropped. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ApiException) return TRANSIENT_CODES.has(error.code);
  return TRANSIENT_ERRNO.has(errno(error) ?? "");
}

/** The one-line message of a permanent failure, or undefined when the failure is not one. */
export function permanentProblem(request: ApiRequest, error: unknown): string | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const where = `in namespace "${request.namespace}"`;
  const status = statusOf(error);
  if (error.code === 401) {
    return `the cluster rejected the kubeconfig's credentials (401 Unauthorized) when trying to ${request.verb} ${resourceName(request)} ${where}`;
  }
  if (error.code === 403) {
    // The verb the server checked: a server-side apply (patch) that creates needs `create`.
    const verb = /cannot ([a-z]+) resource/.exec(status.message ?? "")?.[1] ?? request.verb;
    return `forbidden: cannot ${verb} ${resourceName(request)} ${where} (403); the run's identity needs a Role in "${request.namespace}" with the rule apiGroups: ["${request.group}"], resources: ["${request.resource}"], verbs: ["${verb}"]`;
  }
  if (error.code === 404 && status.details?.kind === "namespaces") {
    return `namespace "${request.namespace}" does not exist (${request.verb} ${resourceName(request)} returned 404); create it (kubectl create namespace ${request.namespace}) or choose another with --namespace`;
  }
  return undefined;
}

/** The API server's Status object of a failed call (its body), as far as it has one. */
export function statusOf(error: ApiException<unknown>): {
  message?: string;
  reason?: string;
  details?: { kind?: string; name?: string };
} {
  let body: unknown = error.body;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      return { message: body as string };
    }
  }
  return typeof body === "object" && body !== null ? body : {};
}

function resourceName(request: ApiRequest): string {
  return request.group === "" ? request.resource : `${request.resource}.${request.group}`;
}

function retryDelay(error: unknown, attempt: number, policy: RetryPolicy): number {
  if (error instanceof ApiException) {
    const after = Number(error.headers?.["retry-after"]);
    if (Number.isFinite(after) && after >= 0) return Math.min(after * 1000, policy.maxDelayMs);
  }
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

function errno(error: unknown): string | undefined {
  for (let cause: unknown = error, depth = 0; cause !== undefined && depth < 5; depth++) {
    if (typeof cause !== "object" || cause === null) return undefined;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

function describe(error: unknown): string {
  if (error instanceof ApiException) {
    return `${error.code} ${statusOf(error).message ?? ""}`.trim();
  }
  const code = errno(error);
  const message = error instanceof Error ? error.message : String(error);
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}
