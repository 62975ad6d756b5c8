import { z } from "zod";
import { orReference } from "./reference-value.js";

/** Failure kinds `retry.when` can name. */
export const retryWhenSchema = z.enum([
  "always",
  "unknown_failure",
  "script_failure",
  "api_failure",
  "stuck_or_timeout_failure",
  "stuck_pending_with_matching_runners",
  "stuck_pending_no_matching_runners",
  "no_updates_running",
  "no_updates_canceling",
  "runner_system_failure",
  "runner_configuration_error",
  "runner_external_dependency_failure",
  "runner_interrupted",
  "runner_unsupported",
  "stale_schedule",
  "job_execution_timeout",
  "server_timeout_running",
  "server_timeout_canceling",
  "archived_failure",
  "unmet_prerequisites",
  "scheduler_failure",
  "data_integrity_failure",
]);

const retryMaxSchema = z.int().min(0).max(2);

/** `retry`: how often (0..2) and on which failures a failed job is retried. */
export const retrySchema = orReference(
  z.union([
    retryMaxSchema,
    z.strictObject({
      max: retryMaxSchema.optional(),
      when: z.union([retryWhenSchema, z.array(retryWhenSchema)]).optional(),
      exit_codes: z.union([z.array(z.int()).min(1), z.int()]).optional(),
    }),
  ]),
);
