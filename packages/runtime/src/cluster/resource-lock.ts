// `resource_group` across runs: one coordination.k8s.io Lease per group is the lock. A job of the
// group is released only by the client that holds the Lease (holderIdentity: the job's object
// name, `<pipeline>-<run>-<job>`; labelled with the run, annotated with the client renewing it);
// the holder renews it while the job runs and deletes it when the job has finished. Waiting
// clients watch the group's Leases (no polling): a deleted Lease wakes them, and so does the
// moment a Lease whose holder stopped renewing (a client that died) expires. A client attaching
// to a run adopts the Leases held for the run's released jobs (`adopt`): it renews them from then
// on and deletes them when the jobs finish.
import {
  ApiException,
  CoordinationV1Api,
  type KubeConfig,
  makeInformer,
  type V1Lease,
  V1MicroTime,
  type V1ObjectMeta,
} from "@kubernetes/client-node";
import { dnsLabel } from "@pipecraft/kubernetes";
import { apiCall } from "./api-call.js";

/** How long a Lease holds without renewal; it is renewed every third of that. */
export const LEASE_SECONDS = 30;

const GROUP_LABEL = "pipecraft.dev/resource-group";

/** The annotation naming the client that renews a group's Lease. */
export const LOCK_CLIENT_ANNOTATION = "pipecraft.dev/client";

/** How often a write that lost a race (409) is tried again with the Lease read anew. */
const CONFLICT_ATTEMPTS = 5;

// client-node hands MicroTime fields back as the API server's strings, not Dates.
function millis(time: unknown): number | undefined {
  if (time instanceof Date) return time.getTime();
  const parsed = typeof time === "string" ? Date.parse(time) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The locks of one run. */
export type ResourceLocks = {
  /** True when `holder` now holds `group` (or already did); false when someone else does. */
  acquire(group: string, holder: string): Promise<boolean>;
  /**
   * Takes over the Lease of `group` held for `holder` (a released job of the run, whose client
   * died) and renews it from now on; creates it again when it is gone. False when another
   * holder has taken the group meanwhile.
   */
  adopt(group: string, holder: string): Promise<boolean>;
  /** Frees `group` if `holder` holds it (whether or not this client has been renewing it). */
  release(group: string, holder: string): Promise<void>;
  /** Frees every lock this run holds and stops watching. */
  stop(): Promise<void>;
};

/** The Lease that locks `group`: `pipecraft-rg-<group as a DNS label>`. */
export function leaseName(group: string): string {
  const label = dnsLabel(group).slice(0, 50).replace(/-+$/, "");
  return `pipecraft-rg-${label === "" ? "group" : label}`;
}

/** Who takes the locks: the run's labels, and the client's token. */
export type LockIdentity = {
  readonly labels: Readonly<Record<string, string>>;
  readonly client: string;
};

/**
 * Starts the locks of a run in `namespace`. `freed` is called whenever a lock may have become
 * free (a Lease deleted, or expired); the caller then tries `acquire` again.
 */
export async function resourceLocks(
  kubeConfig: KubeConfig,
  namespace: string,
  identity: LockIdentity,
  freed: () => void,
  now: () => number = Date.now,
): Promise<ResourceLocks> {
  const api = kubeConfig.makeApiClient(CoordinationV1Api);
  const request = { resource: "leases", group: "coordination.k8s.io", namespace };
  const held = new Map<string, { holder: string; renew: NodeJS.Timeout }>();
  const expiries = new Set<NodeJS.Timeout>();
  const informer = makeInformer<V1Lease>(
    kubeConfig,
    `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`,
    () =>
      apiCall({ ...request, verb: "list" }, () =>
        api.listNamespacedLease({ namespace, labelSelector: GROUP_LABEL }),
      ),
    GROUP_LABEL,
  );
  let stopped = false;
  informer.on("delete", () => freed());
  informer.on("error", () => {
    if (!stopped) setTimeout(() => !stopped && informer.start().catch(() => {}), 1_000).unref();
  });
  await informer.start();

  const read = async (name: string): Promise<V1Lease | undefined> => {
    try {
      return await apiCall({ ...request, verb: "get" }, () =>
        api.readNamespacedLease({ name, namespace }),
      );
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
  };
  const spec = (holder: string) => ({
    holderIdentity: holder,
    leaseDurationSeconds: LEASE_SECONDS,
    acquireTime: new V1MicroTime(now()),
    renewTime: new V1MicroTime(now()),
  });
  // The Lease's metadata with this run's labels and this client's annotation.
  const owned = (group: string, metadata: V1Lease["metadata"]): V1ObjectMeta => ({
    ...metadata,
    labels: {
      ...metadata?.labels,
      ...identity.labels,
      [GROUP_LABEL]: dnsLabel(group).slice(0, 63),
    },
    annotations: { ...metadata?.annotations, [LOCK_CLIENT_ANNOTATION]: identity.client },
  });
  const create = (group: string, holder: string) =>
    apiCall({ ...request, verb: "create" }, () =>
      api.createNamespacedLease({
        namespace,
        body: { metadata: owned(group, { name: leaseName(group) }), spec: spec(holder) },
      }),
    );
  const conflict = (error: unknown) =>
    error instanceof ApiException && (error.code === 409 || error.code === 404);
  // Wakes the waiting jobs when a live Lease held by another client would expire.
  const wakeAtExpiry = (lease: V1Lease) => {
    const renewed = millis(lease.spec?.renewTime) ?? now();
    const seconds = lease.spec?.leaseDurationSeconds ?? LEASE_SECONDS;
    const timer = setTimeout(
      () => {
        expiries.delete(timer);
        if (!stopped) freed();
      },
      Math.max(0, renewed + seconds * 1000 - now()) + 100,
    );
    timer.unref();
    expiries.add(timer);
  };
  const hold = (group: string, holder: string) => {
    const renew = setInterval(
      () => {
        void renewLease(group, holder).catch(() => {});
      },
      (LEASE_SECONDS * 1000) / 3,
    );
    renew.unref();
    held.set(group, { holder, renew });
  };
  // A replace carrying the resourceVersion read, renewed and owned by this run: a Lease changed
  // meanwhile is not overwritten (the API server answers 409).
  const replaceRenewed = (group: string, lease: V1Lease) =>
    apiCall({ ...request, verb: "update" }, () =>
      api.replaceNamespacedLease({
        name: leaseName(group),
        namespace,
        body: {
          ...lease,
          metadata: owned(group, lease.metadata),
          spec: { ...lease.spec, renewTime: new V1MicroTime(now()) },
        },
      }),
    );
  const renewLease = async (group: string, holder: string) => {
    const name = leaseName(group);
    const lease = await read(name);
    if (lease?.spec?.holderIdentity !== holder) return;
    await replaceRenewed(group, lease);
  };

  const locks: ResourceLocks = {
    async acquire(group, holder) {
      const name = leaseName(group);
      const lease = await read(name);
      if (lease === undefined) {
        try {
          await create(group, holder);
        } catch (error) {
          if (!conflict(error)) throw error;
          return locks.acquire(group, holder);
        }
        hold(group, holder);
        return true;
      }
      const current = lease.spec?.holderIdentity;
      if (current === holder) {
        if (!held.has(group)) hold(group, holder);
        return true;
      }
      const renewed = millis(lease.spec?.renewTime) ?? 0;
      const expired = renewed + (lease.spec?.leaseDurationSeconds ?? LEASE_SECONDS) * 1000 < now();
      if (current !== undefined && current !== "" && !expired) {
        wakeAtExpiry(lease);
        return false;
      }
      try {
        await apiCall({ ...request, verb: "update" }, () =>
          api.replaceNamespacedLease({
            name,
            namespace,
            body: { ...lease, metadata: owned(group, lease.metadata), spec: spec(holder) },
          }),
        );
      } catch (error) {
        if (!conflict(error)) throw error;
        return false;
      }
      hold(group, holder);
      return true;
    },

    async adopt(group, holder) {
      const mine = held.get(group);
      if (mine !== undefined) return mine.holder === holder;
      const name = leaseName(group);
      for (let attempt = 1; ; attempt++) {
        const lease = await read(name);
        if (lease !== undefined && lease.spec?.holderIdentity !== holder) return false;
        try {
          if (lease === undefined) {
            // Gone (deleted by hand): the job still runs in the group, so the group is its own.
            await create(group, holder);
          } else {
            // A replace carrying the resourceVersion read: if another client took the group in
            // between, the API server refuses it (409) and the Lease is read again.
            await replaceRenewed(group, lease);
          }
        } catch (error) {
          if (!conflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
          continue;
        }
        hold(group, holder);
        return true;
      }
    },

    async release(group, holder) {
      const mine = held.get(group);
      if (mine !== undefined) {
        if (mine.holder !== holder) return;
        clearInterval(mine.renew);
        held.delete(group);
      }
      const name = leaseName(group);
      const lease = await read(name);
      if (lease?.spec?.holderIdentity !== holder) return;
      try {
        await apiCall({ ...request, verb: "delete" }, () =>
          api.deleteNamespacedLease({
            name,
            namespace,
            body: { preconditions: { resourceVersion: lease.metadata?.resourceVersion } },
          }),
        );
      } catch (error) {
        if (!conflict(error)) throw error;
      }
    },

    async stop() {
      for (const [group, { holder }] of [...held]) await locks.release(group, holder);
      stopped = true;
      for (const timer of expiries) clearTimeout(timer);
      await informer.stop();
    },
  };
  return locks;
}
