// apiCall's retry and its messages, on the client's own ApiException values (the cluster tests
// meet the real 403 and 404; here every code and the backoff are covered without a cluster).
import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { apiCall, ClusterError, type RetryPolicy } from "../src/cluster/api-call.js";

const request = { verb: "create", resource: "jobs", group: "batch", namespace: "ci" };

function policy(delays: number[]): RetryPolicy {
  return {
    attempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    sleep: async (ms) => {
      delays.push(ms);
    },
  };
}

function failing(errors: unknown[]): () => Promise<string> {
  return async () => {
    const error = errors.shift();
    if (error !== undefined) throw error;
    return "ok";
  };
}

const api = (code: number, body: unknown = "", headers: Record<string, string> = {}) =>
  new ApiException(code, `HTTP ${code}`, body, headers);

describe("apiCall", () => {
  it("retries 429 (honouring Retry-After), 5xx and connection resets, then succeeds", async () => {
    const delays: number[] = [];
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const result = await apiCall(
      request,
      failing([api(429, "", { "retry-after": "0.5" }), api(503), reset]),
      policy(delays),
    );
    expect(result).toBe("ok");
    expect(delays).toEqual([500, 200, 400]);
  });

  it("gives up after the last attempt with one line", async () => {
    const error = await apiCall(
      request,
      failing([api(500), api(500), api(500), api(500, '{"message":"etcd down"}')]),
      policy([]),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect(error.message).toBe(
      'could not create jobs.batch in namespace "ci" after 4 attempts: 500 etcd down',
    );
  });

  it("403 names the verb, resource, namespace and the RBAC rule", async () => {
    const error = await apiCall(request, failing([api(403)]), policy([])).catch((e) => e);
    expect(error.message).toBe(
      'forbidden: cannot create jobs.batch in namespace "ci" (403); the run\'s identity needs a Role in "ci" with the rule apiGroups: ["batch"], resources: ["jobs"], verbs: ["create"]',
    );
  });

  it("401 says the credentials were rejected", async () => {
    const error = await apiCall(request, failing([api(401)]), policy([])).catch((e) => e);
    expect(error.message).toBe(
      'the cluster rejected the kubeconfig\'s credentials (401 Unauthorized) when trying to create jobs.batch in namespace "ci"',
    );
  });

  it("404 of the namespace is permanent; 404 and 409 of an object are the caller's", async () => {
    const missing = api(404, JSON.stringify({ details: { name: "ci", kind: "namespaces" } }));
    const error = await apiCall(request, failing([missing]), policy([])).catch((e) => e);
    expect(error.message).toBe(
      'namespace "ci" does not exist (create jobs.batch returned 404); create it (kubectl create namespace ci) or choose another with --namespace',
    );
    const conflict = api(409);
    expect(await apiCall(request, failing([conflict]), policy([])).catch((e) => e)).toBe(conflict);
  });
});
