// The events of a run: what `--output json` prints, one JSON object per line, and what the text
// reporter turns into lines. The zod schemas are the contract; the README ("Run it on a
// cluster") documents them.
import { z } from "zod";
import { runSourcesSchema } from "../plan/run-sources.js";
import { jobStatusSchema } from "../schedule/job-state.js";
import { pipelineStatusSchema } from "../schedule/scheduler.js";

/** A job's status as reported: GitLab's, plus `not_run` for a job a run never starts (trigger). */
export const reportedStatusSchema = z.union([jobStatusSchema, z.literal("not_run")]);

/** A job's status as reported (see `reportedStatusSchema`). */
export type ReportedStatus = z.infer<typeof reportedStatusSchema>;

/** One job in the summary. */
export const jobSummarySchema = z
  .object({
    job: z.string(),
    stage: z.string(),
    status: reportedStatusSchema,
    /** True for a failure `allow_failure` allows. */
    allowedFailure: z.boolean().optional(),
    /** Seconds from the Job's start to its end (finished jobs only). */
    durationSeconds: z.number().optional(),
    /** The main container's exit code (finished jobs only). */
    exitCode: z.number().int().optional(),
    reason: z.string().optional(),
    /** Where the job's log was written. */
    log: z.string().optional(),
  })
  .readonly();

/** One job in the summary (see `jobSummarySchema`). */
export type JobSummary = z.infer<typeof jobSummarySchema>;

/** One line of `--output json`: every event carries `time` (ISO 8601) and `type`. */
export const runEventSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("run"),
      time: z.string(),
      runId: z.string(),
      pipeline: z.string(),
      namespace: z.string(),
      /** The run record: `kubectl get configmap <record>`. */
      record: z.string(),
      jobs: z.number().int(),
      /** Where the workspace's files come from (`--source`); absent: none. */
      sources: runSourcesSchema.optional(),
    })
    .readonly(),
  z
    .object({ type: z.literal("job"), time: z.string(), ...jobSummarySchema.unwrap().shape })
    .readonly(),
  z
    .object({
      type: z.literal("log"),
      time: z.string(),
      job: z.string(),
      /** The service's container, for a service's line (`--service-logs`); absent for the job's. */
      container: z.string().optional(),
      /** One line of the log, without its newline and without the API server's timestamp. */
      line: z.string(),
    })
    .readonly(),
  z
    .object({
      type: z.literal("summary"),
      time: z.string(),
      runId: z.string(),
      status: pipelineStatusSchema,
      jobs: z.array(jobSummarySchema).readonly(),
      /** Why the run failed before any job could start (the sources could not be uploaded …). */
      reason: z.string().optional(),
    })
    .readonly(),
]);

/** One event of a run (see `runEventSchema`). */
export type RunEvent = z.infer<typeof runEventSchema>;
