// GitLab's scheduling as a pure function: the plan and every job's state in, the actions out.
// The cluster layer (cluster/run-pipeline.ts) performs the actions and feeds back what the
// watches report; nothing here knows about Kubernetes, the clock or I/O (`now` is passed in).
//
// The rules are GitLab's (Ci::ProcessBuildService): a job is decided once the jobs it waits for
// — its `needs`, or without `needs` every job of the earlier stages — are all final. Their
// statuses are combined into one (GitLab's composite status, where an allowed failure and a
// non-blocking manual job are ignored) and the job's `when` says whether that status lets it
// start: on_success/manual/delayed need `success` (or `skipped`, but only for stage ordering),
// on_failure needs `failed`, always takes any of success, failed and skipped. Otherwise the job is
// skipped.
import { z } from "zod";
import type { PlannedJob, RunPlan } from "../plan/run-plan.js";
import { isFinal, type JobState } from "./job-state.js";

/** What the cluster layer is to do next for one job. */
export type ScheduleAction =
  /** Unsuspend the Job: it starts now. */
  | { readonly type: "release"; readonly job: string }
  /** A delayed job: release it at `dueAt` (milliseconds since the epoch). */
  | { readonly type: "delay"; readonly job: string; readonly dueAt: number }
  /** A manual job nobody played: it waits (and blocks the pipeline unless failure is allowed). */
  | { readonly type: "wait-manual"; readonly job: string }
  /** The job will not run. */
  | { readonly type: "skip"; readonly job: string; readonly reason: string };

/** A pipeline's status, as GitLab names it. */
export const pipelineStatusSchema = z.enum(["running", "success", "failed", "blocked", "canceled"]);

/** A pipeline's status (see `pipelineStatusSchema`). */
export type PipelineStatus = z.infer<typeof pipelineStatusSchema>;

type Composite = "success" | "failed" | "skipped" | "canceled";

/**
 * The actions the states call for now, and the states after them (every action applied, until
 * nothing more changes: a skip can decide the jobs after it in the same call).
 * @example schedule(plan, initialStates(plan), Date.now()).actions
 */
export function schedule(
  plan: RunPlan,
  states: ReadonlyMap<string, JobState>,
  now: number,
): { actions: ScheduleAction[]; states: Map<string, JobState> } {
  const next = new Map(states);
  const actions: ScheduleAction[] = [];
  for (;;) {
    const round = plan.jobs.flatMap((job) => decide(plan, job, next, now));
    if (round.length === 0) return { actions, states: next };
    for (const action of round) {
      next.set(action.job, applied(next.get(action.job), action));
      actions.push(action);
    }
  }
}

/** Every planned job `created`. */
export function initialStates(plan: RunPlan): Map<string, JobState> {
  return new Map(plan.jobs.map((job) => [job.name, { status: "created" }]));
}

/** The state a job is in after `action`. */
function applied(state: JobState | undefined, action: ScheduleAction): JobState {
  switch (action.type) {
    case "release":
      return { ...state, status: "pending" };
    case "delay":
      return { ...state, status: "scheduled", dueAt: action.dueAt };
    case "wait-manual":
      return { ...state, status: "manual" };
    case "skip":
      return { status: "skipped", reason: action.reason };
  }
}

function decide(
  plan: RunPlan,
  job: PlannedJob,
  states: ReadonlyMap<string, JobState>,
  now: number,
): ScheduleAction[] {
  const state = states.get(job.name);
  if (state?.status === "scheduled") {
    return state.dueAt !== undefined && state.dueAt <= now
      ? [{ type: "release", job: job.name }]
      : [];
  }
  if (state?.status !== "created") return [];
  const sources = sourcesGate(plan, job, states);
  if (sources === "wait") return [];
  if (sources !== "go") return [{ type: "skip", job: job.name, reason: sources.skip }];
  const before = prerequisites(plan, job);
  const composite = compositeStatus(plan, before, states);
  if (composite === "waiting") return [];
  const dag = job.needs !== undefined;
  if (!startsAfter(job, composite, dag)) {
    return [{ type: "skip", job: job.name, reason: skipReason(job, composite, dag) }];
  }
  switch (job.when) {
    case "manual":
      return plan.play.includes(job.name) || plan.play.includes(job.job)
        ? [{ type: "release", job: job.name }]
        : [{ type: "wait-manual", job: job.name }];
    case "delayed":
      return [{ type: "delay", job: job.name, dueAt: now + (job.startInSeconds ?? 0) * 1000 }];
    default:
      return [{ type: "release", job: job.name }];
  }
}

// The sources job (`--source git`) comes before every job that needs the sources, whatever its
// `needs`, stage or `when`: until it has succeeded they wait; once it failed (or was canceled)
// they are skipped, since they would run without their files. A job with GIT_STRATEGY none does
// not wait. `go`: nothing to wait for (no sources job, or it succeeded).
function sourcesGate(
  plan: RunPlan,
  job: PlannedJob,
  states: ReadonlyMap<string, JobState>,
): "go" | "wait" | { skip: string } {
  if (job.role === "sources" || job.withoutSources === true) return "go";
  const sources = plan.jobs.find((candidate) => candidate.role === "sources");
  if (sources === undefined) return "go";
  const status = states.get(sources.name)?.status;
  if (status === undefined || status === "success") return "go";
  if (!isFinal(status)) return "wait";
  const ended = status === "failed" ? "failed" : `was ${status}`;
  return {
    skip: `the sources job ${ended}, so there is nothing to work on (GIT_STRATEGY none runs without sources)`,
  };
}

/** The jobs `job` waits for: its needs, or every job of an earlier stage (the sources job aside). */
function prerequisites(plan: RunPlan, job: PlannedJob): string[] {
  if (job.needs !== undefined) return [...job.needs];
  return plan.jobs
    .filter((other) => other.stageIndex < job.stageIndex && other.role !== "sources")
    .map((o) => o.name);
}

// GitLab's composite status of the jobs waited for; ignored jobs (allowed failures, manual jobs
// that allow failure) do not count.
function compositeStatus(
  plan: RunPlan,
  names: readonly string[],
  states: ReadonlyMap<string, JobState>,
): Composite | "waiting" {
  const seen = new Set<string>();
  for (const name of names) {
    const state = states.get(name);
    const job = plan.jobs.find((candidate) => candidate.name === name);
    if (state === undefined || job === undefined) continue;
    if (state.status === "manual") {
      if (job.allowFailure === true) continue;
      return "waiting";
    }
    if (!isFinal(state.status)) return "waiting";
    if (state.status === "failed" && state.allowedFailure === true) continue;
    seen.add(state.status);
  }
  if (seen.has("failed")) return "failed";
  if (seen.has("canceled")) return "canceled";
  return seen.size === 1 && seen.has("skipped") ? "skipped" : "success";
}

function startsAfter(job: PlannedJob, composite: Composite, dag: boolean): boolean {
  switch (job.when) {
    case "on_failure":
      return composite === "failed";
    case "always":
      return composite !== "canceled";
    default:
      return composite === "success" || (composite === "skipped" && !dag);
  }
}

function skipReason(job: PlannedJob, composite: Composite, dag: boolean): string {
  const what = dag ? "a job it needs" : "an earlier stage";
  if (job.when === "on_failure") return `when: on_failure, and nothing before it failed`;
  if (composite === "failed") return `${what} failed`;
  if (composite === "canceled") return `${what} was canceled`;
  return `${what} was skipped`;
}

/**
 * The pipeline's status: `running` while a job is pending, running, delayed or waiting for its
 * resource group; then, as GitLab
 * decides it, `canceled`, `failed` (a failure not allowed), `blocked` (a blocking manual job
 * waits) or `success` (allowed failures and unplayed non-blocking manual jobs included).
 */
export function pipelineStatus(
  plan: RunPlan,
  states: ReadonlyMap<string, JobState>,
  canceled = false,
): PipelineStatus {
  const all = plan.jobs.map((job) => ({ job, state: states.get(job.name) }));
  if (canceled) return "canceled";
  if (all.some(({ state }) => isActive(state))) return "running";
  if (all.some(({ state }) => state?.status === "failed" && state.allowedFailure !== true))
    return "failed";
  if (all.some(({ job, state }) => state?.status === "manual" && job.allowFailure !== true))
    return "blocked";
  return "success";
}

function isActive(state: JobState | undefined): boolean {
  return (
    state?.status === "pending" ||
    state?.status === "running" ||
    state?.status === "scheduled" ||
    state?.status === "waiting_for_resource"
  );
}

/** The earliest time a delayed job is due, if one is waiting. */
export function nextDue(states: ReadonlyMap<string, JobState>): number | undefined {
  let due: number | undefined;
  for (const state of states.values()) {
    if (state.status === "scheduled" && state.dueAt !== undefined)
      due = due === undefined ? state.dueAt : Math.min(due, state.dueAt);
  }
  return due;
}
