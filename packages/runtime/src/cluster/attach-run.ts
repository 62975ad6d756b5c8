// `pipecraft run --attach RUN`: a client joins a run that another client started, whether that
// client died (SIGKILL, a laptop that lost its connection) or still runs elsewhere. The run's
// state lives in the cluster: the plan in the record, each job's progress in its Job. The
// attaching client claims the run's owner Lease (run-owner.ts):
// - free (its holder stopped renewing it): this client resumes the scheduling, from the Jobs'
//   state (resumePipeline), and follows the logs;
// - held by a live client: this client only watches — the record's job statuses as events, the
//   logs — until the run ends, or until the Lease expires, when it claims the run again.
// So two clients never both release Jobs, and the run ends whichever of them is left.
import { CoreV1Api, makeInformer, type V1ConfigMap } from "@kubernetes/client-node";
import { runLogFollowers } from "../logs/run-log-followers.js";
import type { RunPlan } from "../plan/run-plan.js";
import type { RunInfo } from "../runs/run-records.js";
import { apiCall, ClusterError } from "./api-call.js";
import { watchPods } from "./pod-watch.js";
import { claimRun, lostOwnership } from "./run-owner.js";
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
  const shown = new Map<string, string>();
  for (;;) {
    let lost: () => void = () => {};
    const claim = await claimRun(options.kubeConfig, plan, client, undefined, () => lost(), now);
    if (claim.owned) {
      const takenOver = new Promise<never>((_, reject) => {
        lost = () => reject(lostOwnership(plan));
      });
      return Promise.race([resumePipeline({ ...options, plan }, claim.lease, true), takenOver]);
    }
    const result = await watchRun(options, plan, claim.expiresAt, shown);
    if (result !== undefined) return result;
  }
}

// Watches a run another client schedules: its record's job statuses become events, its logs are
// followed. Resolves with the result once the record says the run ended, or undefined once the
// owner Lease may have expired (`until`).
async function watchRun(
  options: AttachOptions,
  plan: RunPlan,
  until: number,
  shown: Map<string, string>,
): Promise<RunResult | undefined> {
  const { kubeConfig, onEvent } = options;
  const namespace = plan.namespace;
  const now = options.now ?? Date.now;
  const time = () => new Date(now()).toISOString();
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const selector = `pipecraft.dev/record=run,${runSelector(plan)}`;
  const followers =
    options.followLogs === undefined
      ? undefined
      : runLogFollowers({
          kubeConfig,
          namespace,
          services: options.followLogs.services,
          jobOf: (objectName) => plan.jobs.find((job) => job.objectName === objectName)?.name,
          line: (job, container, line) =>
            onEvent({
              type: "log",
              time: time(),
              job,
              ...(container === undefined ? {} : { container }),
              line,
            }),
        });
  const pods =
    followers === undefined
      ? undefined
      : await watchPods(kubeConfig, namespace, runSelector(plan), (pod, deleted) =>
          followers.observed(pod, deleted),
        );
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
      if (shown.get(job.job) === job.status) continue;
      shown.set(job.job, job.status);
      onEvent({ type: "job", time: time(), ...job });
    }
    if (status.status !== "running") settle({ status: status.status, jobs: status.jobs });
  };
  informer.on("add", changed);
  informer.on("update", changed);
  informer.on("error", () => {
    setTimeout(() => informer.start().catch(() => {}), 1_000).unref();
  });
  const expiry = setTimeout(() => settle(undefined), Math.max(0, until - now()) + 250);
  // Ctrl-C while another client owns the run: this client lets go; the run goes on.
  let last: RunResult["jobs"] = [];
  const abort = () => settle({ status: "running", jobs: last });
  options.signal?.addEventListener("abort", abort, { once: true });
  await informer.start();
  const result = await outcome;
  clearTimeout(expiry);
  options.signal?.removeEventListener("abort", abort);
  await informer.stop();
  if (result === undefined) followers?.stop();
  await followers?.settle(LOG_GRACE_MS);
  await pods?.stop();
  if (result !== undefined && result.status !== "running") {
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

function parseStatus(record: V1ConfigMap): RunStatus | undefined {
  try {
    const status = JSON.parse(record.data?.status ?? "") as RunStatus;
    return Array.isArray(status.jobs) ? status : undefined;
  } catch {
    return undefined;
  }
}
