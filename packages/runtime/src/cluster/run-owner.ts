// Who schedules a run: the one client holding the run's owner Lease (coordination.k8s.io, named
// as the run record, owned by it). Only the holder releases Jobs and writes the record, so two
// clients on one run (a second `run --attach` while the first client lives) never both release.
// The holder renews the Lease every RENEW_MS; a Lease not renewed for OWNER_SECONDS is free, and
// an attaching client takes it over. Taking over is a replace carrying the Lease's
// resourceVersion, and creating it fails when it exists: of two clients racing for a free Lease,
// the API server lets exactly one through (the other gets 409 and only watches). Renewals wait in
// the rate limiter's lock lane, ahead of bulk requests; and before releasing a Job the holder
// `confirm`s a Lease it has not renewed for a while (a stall: 429s, a laptop asleep) by renewing
// it at once, so that it never schedules on a Lease another client may have taken over.
import {
  ApiException,
  CoordinationV1Api,
  type KubeConfig,
  type V1Lease,
  V1MicroTime,
} from "@kubernetes/client-node";
import { runRecordName } from "../plan/run-names.js";
import type { RunPlan } from "../plan/run-plan.js";
import { apiCall, ClusterError } from "./api-call.js";
import { runLabels } from "./run-record.js";

/** How long the owner Lease holds without renewal. */
export const OWNER_SECONDS = 15;

const RENEW_MS = 5_000;

/** A Lease renewed longer ago than this is renewed before the holder releases another Job. */
const CONFIRMED_MS = OWNER_SECONDS * 1000 - RENEW_MS;

/** The outcome of a claim: this client owns the run, or another does until `expiresAt`. */
export type OwnerClaim =
  | { readonly owned: true; readonly lease: RunOwnership }
  | { readonly owned: false; readonly holder: string; readonly expiresAt: number };

/** A held owner Lease, renewed until `stop` (`claimRun`'s `lost` is called if another client took it). */
export type RunOwnership = {
  /** The holding client's token (the Lease's holderIdentity). */
  readonly client: string;
  /**
   * True when this client holds the Lease: renewed lately, or renewed now after a stall. False
   * (and `lost` called) when another client has taken it.
   */
  confirm(): Promise<boolean>;
  stop(): Promise<void>;
};

// client-node hands MicroTime fields back as the API server's strings, not Dates.
function millis(time: unknown): number | undefined {
  if (time instanceof Date) return time.getTime();
  const parsed = typeof time === "string" ? Date.parse(time) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * Claims the owner Lease of `plan`'s run for `client`: creates it (a new run, `ownerUid` the
 * record's uid), or takes it over when its holder stopped renewing it.
 */
export async function claimRun(
  kubeConfig: KubeConfig,
  plan: RunPlan,
  client: string,
  ownerUid: string | undefined,
  lost: () => void,
  now: () => number = Date.now,
): Promise<OwnerClaim> {
  const api = kubeConfig.makeApiClient(CoordinationV1Api);
  const namespace = plan.namespace;
  const name = runRecordName(plan.pipeline, plan.runId);
  const request = { resource: "leases", group: "coordination.k8s.io", namespace };
  const spec = () => ({
    holderIdentity: client,
    leaseDurationSeconds: OWNER_SECONDS,
    acquireTime: new V1MicroTime(now()),
    renewTime: new V1MicroTime(now()),
  });
  const conflict = (error: unknown) =>
    error instanceof ApiException && (error.code === 409 || error.code === 404);
  let lease: V1Lease | undefined;
  try {
    lease = await apiCall({ ...request, verb: "get" }, () =>
      api.readNamespacedLease({ name, namespace }),
    );
  } catch (error) {
    if (!(error instanceof ApiException && error.code === 404)) throw error;
  }
  let held: V1Lease;
  try {
    if (lease === undefined) {
      held = await apiCall({ ...request, verb: "create" }, () =>
        api.createNamespacedLease({
          namespace,
          body: {
            metadata: {
              name,
              labels: runLabels(plan),
              ...(ownerUid === undefined
                ? {}
                : {
                    ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name, uid: ownerUid }],
                  }),
            },
            spec: spec(),
          },
        }),
      );
    } else {
      const holder = lease.spec?.holderIdentity ?? "";
      const renewed = millis(lease.spec?.renewTime) ?? 0;
      const expiresAt = renewed + (lease.spec?.leaseDurationSeconds ?? OWNER_SECONDS) * 1000;
      if (holder !== "" && holder !== client && expiresAt > now()) {
        return { owned: false, holder, expiresAt };
      }
      const current = lease;
      held = await apiCall({ ...request, verb: "update" }, () =>
        api.replaceNamespacedLease({ name, namespace, body: { ...current, spec: spec() } }),
      );
    }
  } catch (error) {
    if (!conflict(error)) throw error;
    // Another client got there first: it owns the run for a whole Lease term.
    return { owned: false, holder: "another client", expiresAt: now() + OWNER_SECONDS * 1000 };
  }

  let latest = held;
  let renewedAt = now();
  let stopped = false;
  let gone = false;
  // One renewal at a time: a second one sent while the first is under way would carry the same
  // resourceVersion, and its 409 is no loss. Each attempt carries the time it is sent.
  let renewal: Promise<void> | undefined;
  const renewNow = (): Promise<void> => {
    renewal ??= (async () => {
      try {
        latest = await apiCall({ ...request, verb: "update" }, () => {
          const sent = now();
          const body = { ...latest, spec: { ...latest.spec, renewTime: new V1MicroTime(sent) } };
          return api.replaceNamespacedLease({ name, namespace, body }).then((lease) => {
            renewedAt = sent;
            return lease;
          });
        });
      } catch (error) {
        if (!stopped && conflict(error)) {
          gone = true;
          clearInterval(renew);
          lost();
        }
        throw error;
      } finally {
        renewal = undefined;
      }
    })();
    return renewal;
  };
  const renew = setInterval(() => void renewNow().catch(() => {}), RENEW_MS);
  renew.unref();
  return {
    owned: true,
    lease: {
      client,
      async confirm() {
        while (!gone && now() - renewedAt >= CONFIRMED_MS) {
          try {
            await renewNow();
          } catch (error) {
            if (!gone) throw error;
          }
        }
        return !gone;
      },
      async stop() {
        stopped = true;
        clearInterval(renew);
        // Free it at once for whoever comes next (an attach after the end sees the record).
        await apiCall({ ...request, verb: "delete" }, () =>
          api.deleteNamespacedLease({
            name,
            namespace,
            body: { preconditions: { resourceVersion: latest.metadata?.resourceVersion } },
          }),
        ).catch(() => {});
      },
    },
  };
}

/** The error a client that lost its run's Lease stops with. */
export function lostOwnership(plan: RunPlan): ClusterError {
  return new ClusterError(
    `this client no longer holds run ${plan.runId}'s owner Lease (another client took the run over); follow it with pipecraft run --attach ${plan.runId} --namespace ${plan.namespace}`,
  );
}
