import { z } from "zod";
import { jobSchema } from "./job.js";
import { jobNameSchema } from "./job-name.js";
import { kubernetesPipelineSchema } from "./kubernetes.js";
import { topLevelSchema } from "./top-level.js";

/**
 * A whole pipeline: the top-level keywords plus `jobs` (job name → job; hidden `.templates`
 * included). There are no transforms, so what the user writes and the validated model share
 * this one schema and YAML round-trips keep every value as written.
 */
export const pipelineSchema = topLevelSchema.extend({
  /**
   * The jobs, keyed by name; a name that starts with `.` is a hidden template.
   * @see https://docs.gitlab.com/ci/yaml/#job-keywords
   */
  jobs: z.record(jobNameSchema, jobSchema).describe("Job name → job; `.name` = hidden template"),
  /** pipecraft extension: how the pipeline runs on Kubernetes; not written to GitLab. */
  kubernetes: kubernetesPipelineSchema
    .optional()
    .describe("pipecraft extension: how the pipeline runs on Kubernetes (not written to GitLab)"),
});

/** Validates what the user passes to `pipeline()` (the same schema as the model: no transforms). */
export const pipelineInputSchema = pipelineSchema;

/** A pipeline as the user writes it. */
export type PipelineInput = z.input<typeof pipelineSchema>;

/** The validated, normalized pipeline model every target reads. */
export type Pipeline = z.output<typeof pipelineSchema>;
