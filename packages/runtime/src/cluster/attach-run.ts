// `pipecraft run --attach RUN`: a client joins a run that another client started, whether that
// client died (SIGKILL, a laptop that lost its connection) or still runs elsewhere. The run's
// state lives in the cluster: the plan in the record, each job's progress in its Job. The
// attaching client claims the run's owner Lease (run-owner.ts):
// - free (its holder stopped renewing it): this client resumes the scheduling, from the Jobs'
//   state (resumePipeline), and follows the logs;
// - held by a live client: this client only watches — the record's job statuses as events, the
//   logs — until the run ends, or until the Lease expires, when it claims the run again.
// So two clients never both release Jobs, and the run ends whichever of them is left.
// Whatever it goes through, the client prints each line once: one set of live logs (their
// followers' cursors) and one record of the job statuses it printed last serve every phase.
import { CoreV1Api, makeInformer, type V1ConfigMap } from "@kubernetes/client-node";
import { followRunLogs } from "../logs/run-live-logs.js";
import type { RunPlan } from "../plan/run-plan.js";
import type { ReportedStatus, RunEvent } from "../report/run-event.js";
import type { RunInfo } from "../runs/run-records.js";
import { apiCall, ClusterError } from "./api-call.js";
import { keepInformerRunning } from "./keep-informer-running.js";
import { claimRun, lostOwnership, type OwnerClaim } from "./run-owner.js";
import { type RunPipelineOptions, type RunResult, resumePipeline } from "./run-pipeline.js";
import { type RunStatus, runSelector } from "./run-record.js";

/** What attaching needs: the run (from its record) and what a run needs, but the plan. */
export type AttachOptions = Omit<RunPipelineOptions, "objects" | "plan"> & {
  readonly run: RunInfo;
};

/** How long the end of a watched run waits for the live logs' last lines. */
const LOG_GRACE_MS = 10_000;

/**
 * Attaches to a run: resumes its scheduling when no live client holds it, else watches it; resolves
 * with its result once it has ended (at once for a run that has already ended). Aborting `signal`
 * cancels the run when this client schedules it; while another client does, it only lets go
 * (the result's status is then still `running`).
 */
export async function attachPipeline(options: AttachOptions): Promise<RunResult> {
  const { run } = options;
  const plan = run.plan;
  if (plan === undefined) {
    throw new ClusterError(
      `run ${run.runId}'s record configmap/${run.record} has no readable plan; it cannot be attached to`,
    );
  }
  const now = options.now ?? Date.now;
  const time = () => new Date(now()).toISOString();
  options.onEvent({
    type: "run",
    time: time(),
    runId: plan.runId,
    pipeline: plan.pipeline,
    namespace: plan.namespace,
    record: run.record,
    jobs: plan.jobs.length,
    ...(plan.sources === undefined ? {} : { sources: plan.sources }),
  });
  if (run.status !== "running") {
    options.onEvent({
      type: "summary",
      time: time(),
      runId: plan.runId,
      status: run.status,
      jobs: run.jobs,
      ...(run.reason === undefined ? {} : { reason: run.reason }),
    });
    return {
      status: run.status,
      jobs: run.jobs,
      ...(run.reason === undefined ? {} : { reason: run.reason }),
    };
  }
  const client = `${now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  // Each job's status as last printed, whichever phase printed it.
  const shown = new Map<string, ReportedStatus>();
  const onEvent = (event: RunEvent) => {
    if (event.type === "job") shown.set(event.job, event.status);
    options.onEvent(event);
  };
  const logs =
    options.followLogs === undefined
      ? undefined
      : await followRunLogs({
          kubeConfig: options.kubeConfig,
          plan,
          services: options.followLogs.services,
          line: (job, container, line) =>
            onEvent({
              type: "log",
              time: time(),
              job,
              ...(container === undefined ? {} : { container }),
              line,
            }),
        });
  let claim: OwnerClaim;
  let lost: () => void = () => {};
  try {
    for (;;) {
      claim = await claimRun(options.kubeConfig, plan, client, undefined, () => lost(), now);
      if (claim.owned) break;
      const result = await watchRun({ ...options, onEvent }, plan, claim.expiresAt, shown);
      if (result === undefined) continue;
      // Let go of (Ctrl-C): at once; ended: the last lines first.
      await logs?.end(result.status === "running" ? 0 : LOG_GRACE_MS);
      if (result.status !== "running") {
        onEvent({
          type: "summary",
          time: time(),
          runId: plan.runId,
          status: result.status,
          jobs: result.jobs,
        });
      }
      return result;
    }
  } catch (error) {
    await logs?.end(0);
    throw error;
  }
  const takenOver = new Promise<never>((_, reject) => {
    lost = () => reject(lostOwnership(plan));
  });
  // The scheduling goes on from what this client printed, with its live logs.
  const resumed = resumePipeline({ ...options, onEvent, plan }, claim.lease, {
    shown,
    ...(logs === undefined ? {} : { logs }),
  });
  try {
    return await Promise.race([resumed, takenOver]);
  } catch (error) {
    await logs?.end(0);
    throw error;
  }
}

// Watches a run another client schedules: its record's job statuses become events (those not
// `shown` yet; as a run's own client, none for a job still `created`). Resolves with the result once the record says the run ended, or undefined once
// the owner Lease may have expired (`until`). The live logs go on meanwhile, in whatever phase.
async function watchRun(
  options: AttachOptions,
  plan: RunPlan,
  until: number,
  shown: ReadonlyMap<string, ReportedStatus>,
): Promise<RunResult | undefined> {
  const { kubeConfig, onEvent } = options;
  const namespace = plan.namespace;
  const now = options.now ?? Date.now;
  const time = () => new Date(now()).toISOString();
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const selector = `pipecraft.dev/record=run,${runSelector(plan)}`;
  const informer = makeInformer<V1ConfigMap>(
    kubeConfig,
    `/api/v1/namespaces/${namespace}/configmaps`,
    () =>
      apiCall({ verb: "list", resource: "configmaps", group: "", namespace }, () =>
        core.listNamespacedConfigMap({ namespace, labelSelector: selector }),
      ),
    selector,
  );
  let settle: (result: RunResult | undefined) => void = () => {};
  const outcome = new Promise<RunResult | undefined>((resolve) => {
    settle = resolve;
  });
  const changed = (record: V1ConfigMap) => {
    const status = parseStatus(record);
    if (status === undefined) return;
    last = status.jobs;
    for (const job of status.jobs) {
      if ((shown.get(job.job) ?? "created") === job.status) continue;
      onEvent({ type: "job", time: time(), ...job });
    }
    if (status.status !== "running") settle({ status: status.status, jobs: status.jobs });
  };
  informer.on("add", changed);
  informer.on("update", changed);
  const expiry = setTimeout(() => settle(undefined), Math.max(0, until - now()) + 250);
  // Ctrl-C while another client owns the run: this client lets go; the run goes on.
  let last: RunResult["jobs"] = [];
  const abort = () => settle({ status: "running", jobs: last });
  options.signal?.addEventListener("abort", abort, { once: true });
  // Ctrl-C between two watches (while claiming the Lease) lets go too.
  if (options.signal?.aborted) abort();
  // Kept running across dropped watches, and stopped for good here: a watch that outlived its
  // phase would print the statuses the next phase prints.
  const records = await keepInformerRunning(informer);
  const result = await outcome;
  clearTimeout(expiry);
  options.signal?.removeEventListener("abort", abort);
  await records.stop();
  return result;
}

function parseStatus(record: V1ConfigMap): RunStatus | undefined {
  try {
    const status = JSON.parse(record.data?.status ?? "") as RunStatus;
    return Array.isArray(status.jobs) ? status : undefined;
  } catch {
    return undefined;
  }
}
