// What the scheduler knows about each job of a run: GitLab's job statuses.
import { z } from "zod";

/**
 * A job's status, as GitLab names them: `created` (waiting for what it needs), `manual`
 * (waiting for someone to play it), `scheduled` (delayed), `waiting_for_resource` (its
 * `resource_group` is held by another job), `pending` (released, no Pod running yet), `running`,
 * and the final `success`, `failed`, `skipped`, `canceled`.
 */
export const jobStatusSchema = z.enum([
  "created",
  "manual",
  "scheduled",
  "waiting_for_resource",
  "pending",
  "running",
  "success",
  "failed",
  "skipped",
  "canceled",
]);

/** A job's status (see `jobStatusSchema`). */
export type JobStatus = z.infer<typeof jobStatusSchema>;

/** One job's state in a run. */
export type JobState = {
  readonly status: JobStatus;
  /** The main container's exit code, once the job has finished. */
  readonly exitCode?: number;
  /** True for a failed job whose failure `allow_failure` allows. */
  readonly allowedFailure?: boolean;
  /** When a delayed (`scheduled`) job is due, in milliseconds since the epoch. */
  readonly dueAt?: number;
  /** Why a job was skipped (or not started). */
  readonly reason?: string;
};

/** The statuses after which a job changes no more. */
export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set([
  "success",
  "failed",
  "skipped",
  "canceled",
]);

/** True when the job has finished (or will never start: skipped, canceled). */
export function isFinal(status: JobStatus): boolean {
  return FINAL_STATUSES.has(status);
}
