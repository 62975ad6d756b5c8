// Small helpers shared by the cluster tests: namespaces, polling, API errors.
import { ApiException, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";

/** Polls `fn` until it returns a value other than undefined; fails with `what` and the last value. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  { timeoutMs = 60_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `: last error ${last.message}` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The status code and the API server's Status object of a failed call. */
export async function apiError(
  p: Promise<unknown>,
): Promise<{ code: number; message: string; reason?: string; body: unknown }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiException) {
      let body: unknown = e.body;
      if (typeof body === "string") {
        try {
          body = JSON.parse(body);
        } catch {
          // keep the text
        }
      }
      const status = (body ?? {}) as { message?: string; reason?: string };
      return {
        code: e.code,
        message: status.message ?? String(e.body),
        reason: status.reason,
        body,
      };
    }
    throw e;
  }
  throw new Error("expected the API call to fail, but it succeeded");
}

/**
 * A fresh namespace (generateName) with its `default` ServiceAccount in place (created by the
 * controller manager's serviceaccount controller: Pods cannot be admitted before it exists).
 */
export async function createNamespace(
  kc: KubeConfig,
  prefix: string,
  labels: Record<string, string> = {},
): Promise<{ name: string; remove: () => Promise<void> }> {
  const core = kc.makeApiClient(CoreV1Api);
  const ns = await core.createNamespace({
    body: {
      metadata: {
        generateName: `${prefix}-`,
        labels: { "pipecraft.dev/test": "cluster", ...labels },
      },
    },
  });
  const name = ns.metadata!.name!;
  await waitFor(`ServiceAccount ${name}/default`, async () =>
    core.readNamespacedServiceAccount({ name: "default", namespace: name }),
  );
  return {
    name,
    remove: async () => {
      await core.deleteNamespace({ name }).catch(() => {});
    },
  };
}
