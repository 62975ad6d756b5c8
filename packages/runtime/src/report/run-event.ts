// The events of a run: what `--output json` prints, one JSON object per line, and what the text
// reporter turns into lines. Documented in the README ("Run it on a cluster").
import type { JobStatus } from "../schedule/job-state.js";
import type { PipelineStatus } from "../schedule/scheduler.js";

/** A job's status as reported: GitLab's, plus `not_run` for a job a run never starts (trigger). */
export type ReportedStatus = JobStatus | "not_run";

/** One job in the summary. */
export type JobSummary = {
  readonly job: string;
  readonly stage: string;
  readonly status: ReportedStatus;
  /** True for a failure `allow_failure` allows. */
  readonly allowedFailure?: boolean;
  /** Seconds from the Job's start to its end (finished jobs only). */
  readonly durationSeconds?: number;
  /** The main container's exit code (finished jobs only). */
  readonly exitCode?: number;
  readonly reason?: string;
  /** Where the job's log was written. */
  readonly log?: string;
};

/** Every event carries `time` (ISO 8601) and `type`. */
export type RunEvent =
  | {
      readonly type: "run";
      readonly time: string;
      readonly runId: string;
      readonly pipeline: string;
      readonly namespace: string;
      /** The run record: `kubectl get configmap <record>`. */
      readonly record: string;
      readonly jobs: number;
    }
  | ({ readonly type: "job"; readonly time: string } & JobSummary)
  | {
      readonly type: "summary";
      readonly time: string;
      readonly runId: string;
      readonly status: PipelineStatus;
      readonly jobs: readonly JobSummary[];
    };
