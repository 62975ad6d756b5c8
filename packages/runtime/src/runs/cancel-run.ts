// `pipecraft cancel RUN`: cancels a run from outside the client that started it, whether that
// client is still alive or not. Finished Jobs stay (they show the outcome); unfinished ones are
// deleted with their Pods, and the record is marked canceled. A live client sees its Jobs go and
// cancels its side too (see run-pipeline's wasDeleted).
import {
  ApiException,
  type BatchV1Api,
  type CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
} from "@kubernetes/client-node";
import { apiCall } from "../cluster/api-call.js";
import { observeJob } from "../cluster/job-outcome.js";
import type { RunStatus } from "../cluster/run-record.js";
import type { JobSummary } from "../report/run-event.js";
import { isFinal } from "../schedule/job-state.js";
import type { RunInfo } from "./run-records.js";

/** What cancel did: the Jobs it deleted (by object name), or nothing because the run had ended. */
export type CancelResult =
  | { readonly kind: "canceled"; readonly deletedJobs: readonly string[] }
  | { readonly kind: "ended"; readonly status: RunInfo["status"] };

/** Cancels `run`: deletes its unfinished Jobs (and their Pods), marks the record canceled. */
export async function cancelRun(
  core: CoreV1Api,
  batch: BatchV1Api,
  run: RunInfo,
  now: Date,
): Promise<CancelResult> {
  if (run.status !== "running" && run.status !== "blocked") {
    return { kind: "ended", status: run.status };
  }
  const namespace = run.namespace;
  const selector = `pipecraft.dev/pipeline=${run.pipeline},pipecraft.dev/run-id=${run.runId}`;
  const jobs = await apiCall({ verb: "list", resource: "jobs", group: "batch", namespace }, () =>
    batch.listNamespacedJob({ namespace, labelSelector: selector }),
  );
  const unfinished = jobs.items
    .filter((job) => observeJob(job).phase === "running" || observeJob(job).phase === "waiting")
    .map((job) => job.metadata?.name ?? "")
    .filter((name) => name !== "");
  for (const name of unfinished) {
    await apiCall({ verb: "delete", resource: "jobs", group: "batch", namespace }, () =>
      batch.deleteNamespacedJob({
        name,
        namespace,
        propagationPolicy: "Background",
      }),
    ).catch((error: unknown) => {
      // Gone already (the live client deleted it first): that is what was asked.
      if (!(error instanceof ApiException && error.code === 404)) throw error;
    });
  }
  const status: RunStatus = {
    status: "canceled",
    jobs: run.jobs.map((job) => canceledJob(job)),
    updated: now.toISOString(),
  };
  await apiCall({ verb: "patch", resource: "configmaps", group: "", namespace }, () =>
    core.patchNamespacedConfigMap(
      { name: run.record, namespace, body: { data: { status: JSON.stringify(status) } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    ),
  );
  return { kind: "canceled", deletedJobs: unfinished };
}

function canceledJob(job: JobSummary): JobSummary {
  if (job.status === "not_run" || isFinal(job.status)) return job;
  return { ...job, status: "canceled", reason: "canceled by pipecraft cancel" };
}
