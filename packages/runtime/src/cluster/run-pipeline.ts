// A run on the cluster: creates the run record, the workspace claim and every Job (suspended),
// then lets the watch drive the scheduler: each Job change the informer reports goes through the
// pure scheduler (schedule/scheduler.ts), whose actions are performed here — a release is one
// PATCH that unsuspends the Job. No polling: the only timer is the one of a delayed job.
import {
  ApiException,
  BatchV1Api,
  CoreV1Api,
  type KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Job,
  type V1OwnerReference,
} from "@kubernetes/client-node";
import { followedLogText } from "../logs/followed-log.js";
import { followRunLogs, type RunLiveLogs } from "../logs/run-live-logs.js";
import type { RunObjects } from "../plan/plan-run.js";
import { runRecordName } from "../plan/run-names.js";
import type { PlannedJob, RunPlan } from "../plan/run-plan.js";
import type { JobSummary, ReportedStatus, RunEvent } from "../report/run-event.js";
import { failureAllowed } from "../schedule/allow-failure.js";
import { isFinal, type JobState } from "../schedule/job-state.js";
import {
  initialStates,
  nextDue,
  type PipelineStatus,
  pipelineStatus,
  schedule,
} from "../schedule/scheduler.js";
import { apiCall } from "./api-call.js";
import { exitCode, finalPod, observeJob, saveLog } from "./job-outcome.js";
import { type JobWatch, watchJobs } from "./job-watch.js";
import { mapLimit } from "./map-limit.js";
import { podRefusal } from "./pod-refusal.js";
import { type RefusedPodsWatch, watchRefusedPods } from "./refused-pods.js";
import { type ResourceLocks, resourceLocks } from "./resource-lock.js";
import { claimRun, lostOwnership, type RunOwnership } from "./run-owner.js";
import {
  createRunRecord,
  type RunStatus,
  runLabels,
  runSelector,
  updateRunRecord,
} from "./run-record.js";
import { sourcesFailure } from "./sources-failure.js";
import { DEFAULT_HELPER_IMAGE, startWorkspacePod } from "./workspace-pod.js";
import { downloadPaths, uploadFiles } from "./workspace-transfer.js";

/** What a run on the cluster needs. */
export type RunPipelineOptions = {
  readonly kubeConfig: KubeConfig;
  readonly plan: RunPlan;
  readonly objects: RunObjects;
  /** Called for every event (progress and the summary). */
  readonly onEvent: (event: RunEvent) => void;
  /** Where each job's log is written (`.pipecraft/runs/<run>`). */
  readonly logDirectory: string;
  /** Aborting it cancels the run: running Jobs are deleted, the record says canceled. */
  readonly signal?: AbortSignal;
  /** The clock (milliseconds since the epoch). */
  readonly now?: () => number;
  /**
   * Follow each job's log live, as `log` events (`services`: the service sidecars' too). Absent:
   * no live logs (the saved log files are written either way).
   */
  readonly followLogs?: { readonly services: boolean };
  /** Files of `directory` uploaded into the workspace before the first job starts. */
  readonly source?: { readonly directory: string; readonly files: readonly string[] };
  /**
   * After the run, what matches the `artifacts:paths` of the jobs that ended as their
   * `artifacts:when` asks (keyed by planned job name) is copied from the workspace to `directory`.
   */
  readonly artifacts?: {
    readonly directory: string;
    readonly paths: ReadonlyMap<string, ArtifactPaths>;
  };
  /** The image of the workspace helper Pod (`sh` and `tar`); DEFAULT_HELPER_IMAGE otherwise. */
  readonly helperImage?: string;
};

/** A job's `artifacts:paths` and `artifacts:when`. */
export type ArtifactPaths = {
  readonly paths: readonly string[];
  readonly when: "on_success" | "on_failure" | "always";
};

/** How long the end of a run waits for the live logs' last lines. */
const LOG_GRACE_MS = 10_000;

/**
 * What an attached client hands over to its scheduling (attach-run.ts): it has already printed
 * the run's first lines, and maybe watched the run for a while. Its scheduling goes on from
 * there: the same live logs, and no job status printed again.
 */
export type AttachHandover = {
  /** Each job's status as this client last printed it (none yet: `created`). */
  readonly shown: ReadonlyMap<string, ReportedStatus>;
  /** The live logs this client follows already (their cursors know what was printed). */
  readonly logs?: RunLiveLogs;
};

/** How a client joins a run: it creates it, or attaches to it holding its owner Lease. */
type RunMode =
  | { readonly kind: "new"; readonly objects: RunObjects }
  | ({ readonly kind: "attach"; readonly ownership: RunOwnership } & AttachHandover);

/** How a run ended. */
export type RunResult = {
  readonly status: PipelineStatus;
  readonly jobs: readonly JobSummary[];
  /** Why the run failed before any job could start (the sources could not be uploaded). */
  readonly reason?: string;
};

/** The annotation of a Job whose Pods the API server refused: the reason. */
const REFUSED_ANNOTATION = "pipecraft.dev/refused";

/** How many creates or releases are sent at once. */
const REQUESTS_IN_FLIGHT = 8;

/**
 * The least time between two writes of a running run's record: each write is a request (at
 * 500 ms, a 100-job run wrote it about once a job), and a client watching the run shows its job
 * statuses from it at most this late.
 */
const RECORD_INTERVAL_MS = 1_000;

type Details = { start?: Date; end?: Date; log?: string };

/**
 * Runs a planned pipeline on the cluster and resolves with its result once it has ended
 * (passed, failed, blocked or canceled). Permanent API errors reject with a ClusterError.
 */
export async function runPipeline(options: RunPipelineOptions): Promise<RunResult> {
  return new ClusterRun(options, { kind: "new", objects: options.objects }).run();
}

/**
 * Picks up the scheduling of a run another client started (see attach-run.ts), once this client
 * holds the run's owner Lease: what the Jobs in the cluster say is the state, and the scheduler
 * goes on from there.
 */
export async function resumePipeline(
  options: Omit<RunPipelineOptions, "objects">,
  ownership: RunOwnership,
  handover: AttachHandover,
): Promise<RunResult> {
  return new ClusterRun(options, { kind: "attach", ownership, ...handover }).run();
}

// The run's objects are named after its new record, so one that already exists was created by
// an earlier attempt of this client whose answer was lost: the create succeeded.
async function created(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (!(error instanceof ApiException && error.code === 409)) throw error;
  }
}

class ClusterRun {
  private readonly batch: BatchV1Api;
  private readonly core: CoreV1Api;
  private readonly plan: RunPlan;
  private readonly now: () => number;
  private states: Map<string, JobState>;
  private readonly details = new Map<string, Details>();
  private readonly byObject: Map<string, PlannedJob>;
  private queue: Promise<void> = Promise.resolve();
  private watch: JobWatch | undefined;
  private refusals: RefusedPodsWatch | undefined;
  private readonly waitingForQuota = new Set<string>();
  private liveLogs: RunLiveLogs | undefined;
  private locks: ResourceLocks | undefined;
  private timer: NodeJS.Timeout | undefined;
  private canceled = false;
  private ended = false;
  private lastRecord = "";
  // When the last write of the record ended (performance.now()), and the wake-up of a write
  // waiting for its turn.
  private lastRecordAt = Number.NEGATIVE_INFINITY;
  private recordWake: (() => void) | undefined;
  private reason: string | undefined;
  private recordWanted: PipelineStatus | undefined;
  private recordWriter: Promise<void> | undefined;
  private readonly deleted = new Set<string>();
  private readonly logs: Promise<void>[] = [];
  private deletionWaiter: (() => void) | undefined;
  private settle: { resolve: (r: RunResult) => void; reject: (e: unknown) => void } | undefined;
  private owner: V1OwnerReference | undefined;
  private ownership: RunOwnership | undefined;
  // No scheduler turn before the watch's first list has been taken in: an attached client must
  // know every Job's state before it decides anything.
  private listed = false;
  // An attached client catches up silently with what the Jobs say, until its first scheduler
  // turn has been taken (see caughtUp).
  private catchingUp: boolean;

  constructor(
    private readonly options: Omit<RunPipelineOptions, "objects">,
    private readonly mode: RunMode,
  ) {
    this.batch = options.kubeConfig.makeApiClient(BatchV1Api);
    this.core = options.kubeConfig.makeApiClient(CoreV1Api);
    this.plan = options.plan;
    this.now = options.now ?? Date.now;
    this.states = initialStates(options.plan);
    this.byObject = new Map(options.plan.jobs.map((job) => [job.objectName, job]));
    this.catchingUp = mode.kind === "attach";
  }

  async run(): Promise<RunResult> {
    const { plan } = this;
    const done = new Promise<RunResult>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    if (this.mode.kind === "new")
      this.emit({
        type: "run",
        time: this.time(),
        runId: plan.runId,
        pipeline: plan.pipeline,
        namespace: plan.namespace,
        record: runRecordName(plan.pipeline, plan.runId),
        jobs: plan.jobs.length,
        ...(plan.sources === undefined ? {} : { sources: plan.sources }),
      });
    for (const job of plan.notRun) {
      if (this.mode.kind === "attach" && this.mode.shown.get(job.name) === "not_run") continue;
      this.emit({ type: "job", time: this.time(), ...this.summaryOfNotRun(job) });
    }
    if (this.mode.kind === "new") {
      const client = `${this.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
      const owner = await createRunRecord(this.core, plan, this.status("running"), client);
      this.owner = owner;
      const claim = await claimRun(this.options.kubeConfig, plan, client, owner.uid, () =>
        this.fail(lostOwnership(plan)),
      );
      if (!claim.owned) throw lostOwnership(plan);
      this.ownership = claim.lease;
      await this.createObjects(owner, this.mode.objects);
      if (this.options.source !== undefined && this.options.signal?.aborted !== true) {
        try {
          await this.uploadSource(this.options.source);
        } catch (error) {
          if (!(error instanceof Error)) throw error;
          await this.failBeforeStart(
            error.message,
            "not started: the sources could not be uploaded into the workspace",
          );
          return done;
        }
      }
    } else {
      this.ownership = this.mode.ownership;
    }
    if (this.options.signal?.aborted) this.enqueue(() => this.cancel());
    this.options.signal?.addEventListener("abort", () => this.enqueue(() => this.cancel()), {
      once: true,
    });
    if (plan.jobs.some((job) => job.resourceGroup !== undefined)) {
      this.locks = await resourceLocks(
        this.options.kubeConfig,
        plan.namespace,
        { labels: runLabels(plan), client: this.ownership.client },
        () => this.enqueue(() => this.retryWaiting()),
      );
    }
    await this.followLogs();
    // Before the Jobs' list: an attached client learns of earlier refusals before it decides.
    this.refusals = await watchRefusedPods(this.options.kubeConfig, plan.namespace, {
      refused: (name, message) => this.enqueue(() => this.refused(name, message)),
      fatal: (error) => this.fail(error),
    });
    this.watch = await watchJobs(
      this.options.kubeConfig,
      this.batch,
      plan.namespace,
      runSelector(plan),
      {
        changed: (job) => this.enqueue(() => this.observed(job)),
        deleted: (job) => this.wasDeleted(job),
        fatal: (error) => this.fail(error),
      },
    );
    this.enqueue(async () => {
      this.listed = true;
      await this.step();
    });
    return done;
  }

  // An attached client has taken in every Job's state and taken its first scheduler turn (or
  // the run ends before that): it prints each job whose status is not the one it last printed —
  // once, the net change, not each step of its catching up — and from then on each change.
  private caughtUp(): void {
    if (!this.catchingUp || this.mode.kind !== "attach") return;
    this.catchingUp = false;
    for (const job of this.plan.jobs) {
      const status = this.states.get(job.name)?.status;
      if (status === undefined || status === (this.mode.shown.get(job.name) ?? "created")) continue;
      this.emit({ type: "job", time: this.time(), ...this.summary(job) });
    }
  }

  // The live logs: a Pod watch of the run, a follower per started container (an attached
  // client's own, kept from its watching).
  private async followLogs(): Promise<void> {
    if (this.mode.kind === "attach" && this.mode.logs !== undefined) {
      this.liveLogs = this.mode.logs;
      return;
    }
    const wanted = this.options.followLogs;
    if (wanted === undefined) return;
    this.liveLogs = await followRunLogs({
      kubeConfig: this.options.kubeConfig,
      plan: this.plan,
      services: wanted.services,
      line: (job, container, line) =>
        this.emit({
          type: "log",
          time: this.time(),
          job,
          ...(container === undefined ? {} : { container }),
          line,
        }),
    });
  }

  private async createObjects(owner: V1OwnerReference, objects: RunObjects): Promise<void> {
    const { plan } = this;
    const namespace = plan.namespace;
    const ownerReferences = [owner];
    const claim = objects.workspace;
    await created(
      apiCall({ verb: "create", resource: "persistentvolumeclaims", group: "", namespace }, () =>
        this.core.createNamespacedPersistentVolumeClaim({
          namespace,
          body: { ...claim, metadata: { ...claim.metadata, ownerReferences } },
        }),
      ),
    );
    // Several creates in flight (the rate limit still holds).
    await mapLimit(plan.jobs, REQUESTS_IN_FLIGHT, async (job) => {
      const body = objects.jobs.get(job.name);
      if (body === undefined) return;
      await created(
        apiCall({ verb: "create", resource: "jobs", group: "batch", namespace }, () =>
          this.batch.createNamespacedJob({
            namespace,
            body: { ...body, metadata: { ...body.metadata, ownerReferences } },
          }),
        ),
      );
    });
  }

  // One change at a time, in the order the watch reports them.
  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(() => (this.ended ? undefined : task()))
      .catch((error) => this.fail(error));
  }

  private async observed(object: V1Job): Promise<void> {
    const job = this.byObject.get(object.metadata?.name ?? "");
    if (job === undefined || this.canceled) return;
    const known = this.states.get(job.name);
    if (known === undefined || isFinal(known.status)) return;
    const seen = observeJob(object);
    // An attached client starts with every job `created`: a Job the first client had released
    // (unsuspended) is pending, not to be released again. If it still runs, the Lease of its
    // resource_group is this client's to renew from now on (and to delete when it ends).
    if (
      this.mode.kind === "attach" &&
      known.status === "created" &&
      object.spec?.suspend === false
    ) {
      this.setState(job, { status: "pending" });
      if (seen.phase === "waiting" || seen.phase === "running") await this.adopt(job);
    }
    const state = this.states.get(job.name) ?? known;
    const refusedReason = object.metadata?.annotations?.[REFUSED_ANNOTATION];
    if (refusedReason !== undefined) {
      await this.refusedJob(job, refusedReason);
      return;
    }
    if (seen.phase === "waiting") return;
    if (seen.phase === "running") {
      if (state.status !== "pending") return;
      this.setState(job, { ...state, status: "running" });
      await this.step();
      return;
    }
    this.details.set(job.name, {
      ...(seen.startTime === undefined ? {} : { start: seen.startTime }),
      ...(seen.endTime === undefined ? {} : { end: seen.endTime }),
    });
    if (seen.phase === "success") {
      // A success's exit code decides nothing: the jobs waiting for it are released first, and
      // its Pod (exit code, log) is read beside the next turns (dispatch latency).
      this.setState(job, { status: "success" });
      await this.unlock(job);
      this.logs.push(this.keepOutcome(job, object).catch((error) => this.fail(error)));
      await this.step();
      return;
    }
    // A failure's exit code decides `allow_failure: exit_codes`: its Pod is read first.
    const pod = await this.decidingPod(job, object);
    const code = exitCode(pod);
    const failed = seen.phase === "failed";
    const allowed = failed && failureAllowed(job.allowFailure, code);
    const reason = job.role === "sources" ? sourcesFailure(this.plan, pod, code) : undefined;
    this.setState(job, {
      status: seen.phase,
      ...(code === undefined ? {} : { exitCode: code }),
      ...(allowed ? { allowedFailure: true } : {}),
      ...(reason === undefined ? {} : { reason }),
    });
    // The group's next job may start once this one is seen to have ended.
    await this.unlock(job);
    // The log is fetched beside the scheduler's turn, so that it does not delay the jobs that
    // wait for this one; the summary waits for it.
    this.logs.push(this.keepLog(job, pod));
    await this.step();
  }

  // The exit code of a job that succeeded (for the summary), then its log.
  private async keepOutcome(job: PlannedJob, object: V1Job): Promise<void> {
    const pod = await this.decidingPod(job, object);
    const code = exitCode(pod);
    const state = this.states.get(job.name);
    if (code !== undefined && state !== undefined)
      this.states.set(job.name, { ...state, exitCode: code });
    await this.keepLog(job, pod);
  }

  // The Pod that decided a finished Job: as the Pod watch saw it, else listed.
  private async decidingPod(job: PlannedJob, object: V1Job) {
    return (
      this.liveLogs?.decidedPod(object) ??
      (await finalPod(this.core, this.plan.namespace, job.objectName))
    );
  }

  // The log file is written from the live follower's lines when it read the whole log, else read.
  private async keepLog(job: PlannedJob, pod: Awaited<ReturnType<typeof finalPod>>) {
    const name = pod?.metadata?.name;
    const followed =
      name === undefined ? undefined : followedLogText(await this.liveLogs?.followedLog(name));
    const log = await saveLog(this.core, pod, this.options.logDirectory, job.name, followed);
    if (log !== undefined) this.details.set(job.name, { ...this.details.get(job.name), log });
  }

  // The API server refused a Pod of one of this run's Jobs (see pod-refusal.ts). A job that can
  // never get its Pod is suspended (the Job controller stops retrying, and nothing starts behind
  // the run's back if the cause is fixed later) and fails with the API server's reason; a job
  // waiting for quota is reported once and left to the Job controller's retries.
  private async refused(objectName: string, message: string): Promise<void> {
    const job = this.byObject.get(objectName);
    if (job === undefined || this.canceled) return;
    const state = this.states.get(job.name);
    if (state === undefined || isFinal(state.status)) return;
    const refusal = podRefusal(message, { role: job.role, namespace: this.plan.namespace });
    if (refusal === undefined) return;
    if (refusal.kind === "waiting") {
      // Only a released job that has no Pod yet waits: an event older than the job's Pod (an
      // attached client lists the past hour's events before the Jobs) says nothing now.
      if (state.status !== "pending" || this.waitingForQuota.has(job.name)) return;
      this.waitingForQuota.add(job.name);
      this.emit({ type: "job", time: this.time(), ...this.summary(job), reason: refusal.reason });
      return;
    }
    const namespace = this.plan.namespace;
    // The reason goes on the Job too: `kubectl describe job` shows it, and a client that attaches
    // once the events have expired (an hour) still knows the job failed.
    const body = {
      metadata: { annotations: { [REFUSED_ANNOTATION]: refusal.reason } },
      spec: { suspend: true },
    };
    try {
      await apiCall({ verb: "patch", resource: "jobs", group: "batch", namespace }, () =>
        this.batch.patchNamespacedJob(
          { name: objectName, namespace, body },
          setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
        ),
      );
    } catch (error) {
      if (!(error instanceof ApiException && error.code === 404)) throw error;
    }
    await this.refusedJob(job, refusal.reason);
  }

  // A job the API server refused: failed, with the reason, as any failure (allow_failure).
  private async refusedJob(job: PlannedJob, reason: string): Promise<void> {
    const details = this.details.get(job.name) ?? {};
    this.details.set(job.name, {
      ...details,
      start: details.start ?? new Date(this.now()),
      end: new Date(this.now()),
    });
    this.setState(job, {
      status: "failed",
      ...(failureAllowed(job.allowFailure, undefined) ? { allowedFailure: true } : {}),
      reason,
    });
    await this.unlock(job);
    await this.step();
  }

  // The scheduler's turn: perform its actions, arm the timer of the next delayed job, write the
  // record, and end the run once nothing is left to happen.
  private async step(): Promise<void> {
    if (this.canceled || this.ended || !this.listed) return;
    const before = this.states;
    const { actions, states } = schedule(this.plan, before, this.now());
    const released: { job: PlannedJob; state: JobState }[] = [];
    const tried = new Set<string>();
    for (const action of actions) {
      const job = this.plan.jobs.find((candidate) => candidate.name === action.job);
      const state = states.get(action.job);
      if (job === undefined || state === undefined) continue;
      if (action.type !== "release") {
        this.setState(job, state);
      } else if (await this.lock(job, tried)) {
        released.push({ job, state });
      } else {
        this.setState(job, { status: "waiting_for_resource" });
      }
    }
    // A stage of 500 jobs is released by several PATCHes in flight, not one after another.
    await mapLimit(released, REQUESTS_IN_FLIGHT, ({ job }) => this.release(job));
    for (const { job, state } of released) this.setState(job, state);
    this.caughtUp();
    this.armTimer();
    const status = pipelineStatus(this.plan, this.states);
    if (status === "running") {
      // The record follows the run in the background: it never delays a release.
      this.writeRecord(status).catch((error) => this.fail(error));
      return;
    }
    await this.writeRecord(status);
    await this.finish(status);
  }

  // A job of a resource group starts only while its run holds the group's Lease. A group is tried
  // once per turn (`tried`): once one job took it, or found it held, the next would find it held,
  // and a thousand reads of one Lease would hold up the bulk requests behind the lock lane.
  private async lock(job: PlannedJob, tried: Set<string>): Promise<boolean> {
    if (job.resourceGroup === undefined || this.locks === undefined) return true;
    if (tried.has(job.resourceGroup)) return false;
    tried.add(job.resourceGroup);
    return this.locks.acquire(job.resourceGroup, job.objectName);
  }

  private async adopt(job: PlannedJob): Promise<void> {
    if (job.resourceGroup === undefined || this.locks === undefined) return;
    await this.locks.adopt(job.resourceGroup, job.objectName);
  }

  private async unlock(job: PlannedJob): Promise<void> {
    if (job.resourceGroup === undefined || this.locks === undefined) return;
    await this.locks.release(job.resourceGroup, job.objectName);
  }

  // A Lease was freed: the jobs waiting for their group try again, in plan order.
  private async retryWaiting(): Promise<void> {
    if (this.canceled) return;
    const tried = new Set<string>();
    for (const job of this.plan.jobs) {
      if (this.states.get(job.name)?.status !== "waiting_for_resource") continue;
      if (!(await this.lock(job, tried))) continue;
      await this.release(job);
      this.setState(job, { status: "pending" });
    }
    await this.step();
  }

  private async release(job: PlannedJob): Promise<void> {
    // Only while this client holds the run: after a stall its Lease is renewed first, and a Lease
    // another client has taken over meanwhile stops the run here with the lost-ownership line.
    if (this.ownership !== undefined && !(await this.ownership.confirm())) {
      throw lostOwnership(this.plan);
    }
    const namespace = this.plan.namespace;
    await apiCall({ verb: "patch", resource: "jobs", group: "batch", namespace }, () =>
      this.batch.patchNamespacedJob(
        { name: job.objectName, namespace, body: { spec: { suspend: false } } },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      ),
    );
  }

  private armTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const due = nextDue(this.states);
    if (due === undefined) return;
    this.timer = setTimeout(() => this.enqueue(() => this.step()), Math.max(0, due - this.now()));
  }

  // The first Ctrl-C: stop scheduling, delete the Jobs that were released (their Pods go with
  // them), wait until they are gone, mark every unfinished job and the record canceled.
  private async cancel(): Promise<void> {
    if (this.ended || this.canceled) return;
    this.canceled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const namespace = this.plan.namespace;
    const released = this.plan.jobs.filter((job) => {
      const status = this.states.get(job.name)?.status;
      return status === "pending" || status === "running";
    });
    for (const job of released) {
      try {
        await apiCall({ verb: "delete", resource: "jobs", group: "batch", namespace }, () =>
          this.batch.deleteNamespacedJob({
            name: job.objectName,
            namespace,
            propagationPolicy: "Foreground",
          }),
        );
      } catch (error) {
        if (!(error instanceof ApiException && error.code === 404)) throw error;
        this.deleted.add(job.objectName);
      }
    }
    await this.untilDeleted(
      released.map((job) => job.objectName),
      60_000,
    );
    for (const job of this.plan.jobs) {
      const state = this.states.get(job.name);
      if (state !== undefined && !isFinal(state.status)) {
        this.setState(job, { status: "canceled", reason: "the run was canceled" });
      }
    }
    await this.writeRecord("canceled");
    await this.finish("canceled");
  }

  // The run cannot start (its sources are not in the workspace): no job is released, each is
  // skipped (`skipped`: why), and the record and the summary say failed, with the reason.
  private async failBeforeStart(reason: string, skipped: string): Promise<void> {
    this.reason = reason;
    for (const job of this.plan.jobs) this.setState(job, { status: "skipped", reason: skipped });
    await this.writeRecord("failed");
    await this.finish("failed");
  }

  private untilDeleted(names: readonly string[], timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (names.every((name) => this.deleted.has(name))) {
          clearTimeout(timeout);
          this.deletionWaiter = undefined;
          resolve();
        }
      };
      const timeout = setTimeout(() => {
        this.deletionWaiter = undefined;
        resolve();
      }, timeoutMs);
      this.deletionWaiter = check;
      check();
    });
  }

  // A Job of this run deleted while it had not finished, by someone else than this client
  // (`pipecraft cancel RUN` from another terminal, or kubectl): the run is canceled here too.
  private wasDeleted(job: V1Job): void {
    const name = job.metadata?.name ?? "";
    this.deleted.add(name);
    this.deletionWaiter?.();
    if (this.canceled || this.ended) return;
    const planned = this.plan.jobs.find((candidate) => candidate.objectName === name);
    const status = planned === undefined ? undefined : this.states.get(planned.name)?.status;
    if (status !== undefined && !isFinal(status)) this.enqueue(() => this.cancel());
  }

  // At most one write of the record is under way; changes made meanwhile are folded into the
  // next one. While the run goes on, a write waits until RECORD_INTERVAL_MS have passed since
  // the last one ended (a 500-job run would otherwise rewrite its growing status a thousand
  // times); its end (a final status) is written at once. The promise settles once the state
  // asked for (or a later one) is written.
  private writeRecord(status: PipelineStatus): Promise<void> {
    this.recordWanted = status;
    if (status !== "running") this.recordWake?.();
    if (this.recordWriter !== undefined) return this.recordWriter;
    const writer = (async () => {
      while (this.recordWanted !== undefined) {
        if (this.recordWanted === "running") await this.recordPause();
        const wanted = this.recordWanted;
        this.recordWanted = undefined;
        // A run that failed meanwhile writes nothing more.
        if (wanted === undefined || this.ended) return;
        const record = this.status(wanted);
        const key = JSON.stringify({ ...record, updated: "" });
        if (key === this.lastRecord) continue;
        this.lastRecord = key;
        // Only the holder of the run writes its record (see release).
        if (this.ownership !== undefined && !(await this.ownership.confirm())) {
          throw lostOwnership(this.plan);
        }
        await updateRunRecord(this.core, this.plan, record);
        this.lastRecordAt = performance.now();
      }
    })();
    this.recordWriter = writer.finally(() => {
      this.recordWriter = undefined;
    });
    return this.recordWriter;
  }

  // The rest of RECORD_INTERVAL_MS since the record was last written; cut short when the run's
  // final status is asked for.
  private recordPause(): Promise<void> {
    const wait = this.lastRecordAt + RECORD_INTERVAL_MS - performance.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.recordWake?.(), wait);
      this.recordWake = () => {
        clearTimeout(timer);
        this.recordWake = undefined;
        resolve();
      };
    });
  }

  private async finish(status: PipelineStatus): Promise<void> {
    if (this.ended) return;
    this.caughtUp();
    this.ended = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.watch?.stop();
    await this.refusals?.stop();
    await this.locks?.stop();
    await this.liveLogs?.end(status === "canceled" ? 0 : LOG_GRACE_MS);
    await Promise.all(this.logs);
    await this.ownership?.stop();
    const jobs = this.summaries();
    this.emit({
      type: "summary",
      time: this.time(),
      runId: this.plan.runId,
      status,
      jobs,
      ...(this.reason === undefined ? {} : { reason: this.reason }),
    });
    if (this.options.artifacts !== undefined && status !== "canceled") {
      try {
        await this.copyArtifacts(this.options.artifacts, jobs);
      } catch (error) {
        this.settle?.reject(error);
        return;
      }
    }
    this.settle?.resolve({
      status,
      jobs,
      ...(this.reason === undefined ? {} : { reason: this.reason }),
    });
  }

  // A helper Pod on the workspace claim, named after the run (`<pipeline>-<run>-<purpose>`).
  private helperPod(purpose: string) {
    const { plan, options } = this;
    return startWorkspacePod({
      kubeConfig: options.kubeConfig,
      namespace: plan.namespace,
      name: `${plan.pipeline}-${plan.runId}-${purpose}`.slice(0, 63).replace(/-+$/, ""),
      claimName: this.mode.kind === "new" ? (this.mode.objects.workspace.metadata?.name ?? "") : "",
      image: options.helperImage ?? DEFAULT_HELPER_IMAGE,
      labels: {
        "app.kubernetes.io/managed-by": "pipecraft",
        "pipecraft.dev/pipeline": plan.pipeline,
        "pipecraft.dev/run-id": plan.runId,
      },
      ownerReferences: this.owner === undefined ? [] : [this.owner],
    });
  }

  private async uploadSource(source: NonNullable<RunPipelineOptions["source"]>): Promise<void> {
    const pod = await this.helperPod("source");
    try {
      await uploadFiles(pod, source.directory, source.files);
    } finally {
      await pod.remove();
    }
  }

  private async copyArtifacts(
    artifacts: NonNullable<RunPipelineOptions["artifacts"]>,
    jobs: readonly JobSummary[],
  ): Promise<void> {
    const globs = new Set<string>();
    for (const job of jobs) {
      const wanted = artifacts.paths.get(job.job);
      if (wanted === undefined) continue;
      const ended =
        job.status === "success"
          ? "on_success"
          : job.status === "failed"
            ? "on_failure"
            : undefined;
      if (ended === undefined) continue;
      if (wanted.when === "always" || wanted.when === ended) {
        for (const path of wanted.paths) globs.add(path);
      }
    }
    if (globs.size === 0) return;
    const pod = await this.helperPod("artifacts");
    try {
      await downloadPaths(pod, [...globs], artifacts.directory);
    } finally {
      await pod.remove();
    }
  }

  private fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    void this.watch?.stop();
    void this.refusals?.stop().catch(() => {});
    void this.locks?.stop().catch(() => {});
    void this.liveLogs?.end(0).catch(() => {});
    void this.ownership?.stop().catch(() => {});
    this.settle?.reject(error);
  }

  private setState(job: PlannedJob, state: JobState): void {
    const before = this.states.get(job.name);
    this.states.set(job.name, state);
    if (before?.status === state.status) return;
    if (state.status === "pending" || state.status === "running") {
      const details = this.details.get(job.name) ?? {};
      if (details.start === undefined)
        this.details.set(job.name, { ...details, start: new Date(this.now()) });
    }
    if (this.catchingUp) return;
    this.emit({ type: "job", time: this.time(), ...this.summary(job) });
  }

  private summary(job: PlannedJob): JobSummary {
    const state = this.states.get(job.name) ?? { status: "created" };
    const details = this.details.get(job.name) ?? {};
    const duration =
      isFinal(state.status) && details.start !== undefined && details.end !== undefined
        ? Math.max(0, Math.round((details.end.getTime() - details.start.getTime()) / 1000))
        : undefined;
    return {
      job: job.name,
      stage: job.stage,
      status: state.status,
      ...(state.allowedFailure ? { allowedFailure: true } : {}),
      ...(duration === undefined ? {} : { durationSeconds: duration }),
      ...(state.exitCode === undefined ? {} : { exitCode: state.exitCode }),
      ...(state.reason === undefined ? {} : { reason: state.reason }),
      ...(details.log === undefined ? {} : { log: details.log }),
    };
  }

  private summaryOfNotRun(job: RunPlan["notRun"][number]): JobSummary {
    return { job: job.name, stage: job.stage, status: "not_run", reason: job.reason };
  }

  private summaries(): JobSummary[] {
    return [
      ...this.plan.jobs.map((job) => this.summary(job)),
      ...this.plan.notRun.map((job) => this.summaryOfNotRun(job)),
    ];
  }

  private status(status: PipelineStatus): RunStatus {
    return {
      status,
      jobs: this.summaries(),
      updated: this.time(),
      ...(this.reason === undefined ? {} : { reason: this.reason }),
    };
  }

  private emit(event: RunEvent): void {
    this.options.onEvent(event);
  }

  private time(): string {
    return new Date(this.now()).toISOString();
  }
}
