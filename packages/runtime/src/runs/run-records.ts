// The runs of a namespace, read from their records (the ConfigMaps labelled
// `pipecraft.dev/record=run`): what `pipecraft runs` lists, `cancel` stops and `delete` removes.
import type { CoreV1Api, V1ConfigMap } from "@kubernetes/client-node";
import { apiCall, ClusterError } from "../cluster/api-call.js";
import type { RunStatus } from "../cluster/run-record.js";
import type { RunPlan } from "../plan/run-plan.js";
import type { PipelineStatus } from "../schedule/scheduler.js";

/** One run as its record describes it. */
export type RunInfo = {
  readonly runId: string;
  readonly pipeline: string;
  readonly namespace: string;
  /** The record's name (`<pipeline>-run-<id>`). */
  readonly record: string;
  readonly status: PipelineStatus;
  /** When the record was created. */
  readonly started: Date | undefined;
  /** When the record's status was last written. */
  readonly updated: Date | undefined;
  readonly plan: RunPlan | undefined;
  readonly jobs: RunStatus["jobs"];
  /** Why the run failed before any job could start. */
  readonly reason?: string;
};

const RECORD_SELECTOR = "pipecraft.dev/record=run";

/** Every run recorded in `namespace`, oldest first (run ids sort by time). */
export async function listRuns(core: CoreV1Api, namespace: string): Promise<RunInfo[]> {
  const list = await apiCall({ verb: "list", resource: "configmaps", group: "", namespace }, () =>
    core.listNamespacedConfigMap({ namespace, labelSelector: RECORD_SELECTOR }),
  );
  return list.items
    .map((record) => runInfo(record, namespace))
    .sort(
      (a, b) =>
        (a.started?.getTime() ?? 0) - (b.started?.getTime() ?? 0) || a.runId.localeCompare(b.runId),
    );
}

/** The run `runId` of `namespace`; a ClusterError naming the runs there when there is none. */
export async function findRun(core: CoreV1Api, namespace: string, runId: string): Promise<RunInfo> {
  const runs = await listRuns(core, namespace);
  const found = runs.filter((run) => run.runId === runId);
  const [first, second] = found;
  if (first === undefined) {
    const known = runs.map((run) => run.runId);
    throw new ClusterError(
      `no run "${runId}" in namespace "${namespace}"${
        known.length === 0 ? " (it has no runs)" : `; its runs: ${known.slice(-5).join(", ")}`
      }; list them with pipecraft runs --namespace ${namespace}`,
    );
  }
  if (second !== undefined) {
    throw new ClusterError(
      `run "${runId}" is recorded for pipelines ${found.map((run) => run.pipeline).join(" and ")} in namespace "${namespace}"; delete one record with kubectl delete configmap ${second.record}`,
    );
  }
  return first;
}

/**
 * Deletes a run's record. The cluster's garbage collector then removes everything the run
 * created (Jobs, Pods, workspace claim), which the record owns.
 */
export async function deleteRun(core: CoreV1Api, run: RunInfo): Promise<void> {
  await apiCall(
    { verb: "delete", resource: "configmaps", group: "", namespace: run.namespace },
    () =>
      core.deleteNamespacedConfigMap({
        name: run.record,
        namespace: run.namespace,
        propagationPolicy: "Background",
      }),
  );
}

/** Whether a run has ended (anything but running; a blocked run waits for nothing more). */
export function runEnded(run: RunInfo): boolean {
  return run.status !== "running";
}

function runInfo(record: V1ConfigMap, namespace: string): RunInfo {
  const labels = record.metadata?.labels ?? {};
  const plan = parseJson<RunPlan>(record.data?.plan);
  const status = parseJson<RunStatus>(record.data?.status);
  const updated = status?.updated === undefined ? undefined : new Date(status.updated);
  return {
    runId: plan?.runId ?? labels["pipecraft.dev/run-id"] ?? "",
    pipeline: plan?.pipeline ?? labels["pipecraft.dev/pipeline"] ?? "",
    namespace,
    record: record.metadata?.name ?? "",
    status: status?.status ?? "running",
    started: toDate(record.metadata?.creationTimestamp),
    updated: updated === undefined || Number.isNaN(updated.getTime()) ? undefined : updated,
    plan,
    jobs: status?.jobs ?? [],
    ...(typeof status?.reason === "string" ? { reason: status.reason } : {}),
  };
}

function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value : new Date(value);
}

// A record someone edited by hand reads as an unknown status, not as a crash.
function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
