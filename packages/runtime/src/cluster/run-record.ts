// The run record: a ConfigMap `<pipeline>-run-<id>` holding the plan and the status as JSON. It
// owns every object of the run (ownerReferences), so deleting it garbage-collects the run.
import {
  ApiException,
  type CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1ConfigMap,
  type V1OwnerReference,
} from "@kubernetes/client-node";
import { runRecordName } from "../plan/run-names.js";
import type { RunPlan } from "../plan/run-plan.js";
import type { JobSummary } from "../report/run-event.js";
import type { PipelineStatus } from "../schedule/scheduler.js";
import { apiCall, ClusterError } from "./api-call.js";

/** The record's `status` key: the pipeline's status and every job's. */
export type RunStatus = {
  readonly status: PipelineStatus;
  readonly jobs: readonly JobSummary[];
  readonly updated: string;
  /** Why the run failed before any job could start. */
  readonly reason?: string;
};

/** Labels of every object of a run (the Kubernetes target sets the same on its Jobs). */
export function runLabels(plan: RunPlan): Record<string, string> {
  return {
    "app.kubernetes.io/managed-by": "pipecraft",
    "pipecraft.dev/pipeline": plan.pipeline,
    "pipecraft.dev/run-id": plan.runId,
  };
}

/** The label selector of a run's objects. */
export function runSelector(plan: RunPlan): string {
  return `pipecraft.dev/pipeline=${plan.pipeline},pipecraft.dev/run-id=${plan.runId}`;
}

const CLIENT_ANNOTATION = "pipecraft.dev/client";

/**
 * Creates the run record and returns the owner reference every other object of the run carries.
 * An existing record of the same id is an error (ids are never reused) — unless it is this
 * client's own, created by an attempt whose answer was lost (`client`: a random token of this
 * client, kept in an annotation).
 */
export async function createRunRecord(
  core: CoreV1Api,
  plan: RunPlan,
  status: RunStatus,
  client: string,
): Promise<V1OwnerReference> {
  const name = runRecordName(plan.pipeline, plan.runId);
  const body: V1ConfigMap = {
    metadata: {
      name,
      namespace: plan.namespace,
      labels: { ...runLabels(plan), "pipecraft.dev/record": "run" },
      annotations: { [CLIENT_ANNOTATION]: client },
    },
    data: { plan: JSON.stringify(plan), status: JSON.stringify(status) },
  };
  const request = { verb: "create", resource: "configmaps", group: "", namespace: plan.namespace };
  try {
    const created = await apiCall(request, () =>
      core.createNamespacedConfigMap({ namespace: plan.namespace, body }),
    );
    return {
      apiVersion: "v1",
      kind: "ConfigMap",
      name,
      uid: created.metadata?.uid ?? "",
    };
  } catch (error) {
    if (error instanceof ApiException && error.code === 409) {
      const existing = await apiCall({ ...request, verb: "get" }, () =>
        core.readNamespacedConfigMap({ name, namespace: plan.namespace }),
      );
      if (existing.metadata?.annotations?.[CLIENT_ANNOTATION] === client) {
        return { apiVersion: "v1", kind: "ConfigMap", name, uid: existing.metadata?.uid ?? "" };
      }
      throw new ClusterError(
        `run ${plan.runId} of ${plan.pipeline} already exists in namespace "${plan.namespace}" (configmap/${name}); choose another --run-id`,
      );
    }
    throw error;
  }
}

/** Writes the run's status into its record (a merge patch of `data.status`). */
export async function updateRunRecord(
  core: CoreV1Api,
  plan: RunPlan,
  status: RunStatus,
): Promise<void> {
  const name = runRecordName(plan.pipeline, plan.runId);
  const request = { verb: "patch", resource: "configmaps", group: "", namespace: plan.namespace };
  await apiCall(request, () =>
    core.patchNamespacedConfigMap(
      { name, namespace: plan.namespace, body: { data: { status: JSON.stringify(status) } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    ),
  );
}
