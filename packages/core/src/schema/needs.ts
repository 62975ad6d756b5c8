import { z } from "zod";
import { parallelMatrixSchema } from "./parallel.js";
import { orReference, referenceValueSchema } from "./reference-value.js";

/** `needs: [{ job }]`: a job of this pipeline. */
export const localNeedSchema = z.strictObject({
  job: z.string().min(1),
  artifacts: z.boolean().optional(),
  optional: z.boolean().optional(),
  parallel: parallelMatrixSchema.optional(),
});

/** `needs: [{ pipeline, job }]`: a job of the parent (or another) pipeline. */
export const pipelineNeedSchema = z.strictObject({
  pipeline: z.string(),
  job: z.string().min(1),
  artifacts: z.boolean().optional(),
  parallel: parallelMatrixSchema.optional(),
});

/** `needs: [{ project, job, ref }]`: a job of another project's latest pipeline on `ref`. */
export const projectNeedSchema = z.strictObject({
  project: z.string(),
  job: z.string().min(1),
  ref: z.string(),
  artifacts: z.boolean().optional(),
  parallel: parallelMatrixSchema.optional(),
});

/** One entry of `needs`; the job name alone is the common case, so it is tried first. */
export const needSchema = z.union([
  z.string().min(1),
  localNeedSchema,
  pipelineNeedSchema,
  projectNeedSchema,
  referenceValueSchema,
]);

/** Job `needs`: the jobs this one waits for (`[]` = start at once). */
export const needsSchema = orReference(z.array(needSchema));

/** `rules[].needs`: replaces the job's `needs` when the rule matches; local jobs only. */
export const rulesNeedsSchema = orReference(
  z.array(
    z.union([
      z.string().min(1),
      localNeedSchema.pick({ job: true, artifacts: true, optional: true }),
      referenceValueSchema,
    ]),
  ),
);
