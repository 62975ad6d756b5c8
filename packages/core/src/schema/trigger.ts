import { z } from "zod";
import {
  componentIncludeSchema,
  localIncludeSchema,
  projectIncludeSchema,
  remoteIncludeSchema,
  templateIncludeSchema,
} from "./include.js";
import { inputValuesSchema } from "./inputs.js";
import { orReference } from "./reference-value.js";

const strategySchema = z.enum(["depend", "mirror"]);

/** `trigger.forward`: which variables the downstream pipeline receives. */
export const triggerForwardSchema = z.strictObject({
  yaml_variables: z.boolean().optional(),
  pipeline_variables: z.boolean().optional(),
});

/** `trigger: { project }`: a multi-project pipeline. */
export const projectTriggerSchema = z.strictObject({
  project: z.string(),
  branch: z.string().optional(),
  strategy: strategySchema.optional(),
  inputs: inputValuesSchema.optional(),
  forward: triggerForwardSchema.optional(),
});

// A child pipeline includes files like top-level `include` does, minus `rules`, plus artifacts.
const withoutRules = { rules: true } as const;
const childIncludeItemSchema = z.union([
  localIncludeSchema.omit(withoutRules),
  templateIncludeSchema.omit(withoutRules),
  z.strictObject({
    artifact: z.string(),
    job: z.string().describe("The job of this pipeline that produced the artifact"),
    inputs: inputValuesSchema.optional(),
  }),
  projectIncludeSchema
    .omit(withoutRules)
    .extend({ file: z.string(), ref: z.string().min(1).optional() }),
  componentIncludeSchema.omit(withoutRules),
  remoteIncludeSchema.omit({ rules: true, integrity: true }),
]);

/** `trigger: { include }`: a child pipeline built from up to three files. */
export const childTriggerSchema = z.strictObject({
  include: z.union([z.string(), z.array(childIncludeItemSchema).max(3)]),
  strategy: strategySchema.optional(),
  forward: triggerForwardSchema.optional(),
});

/** `trigger`: start a downstream pipeline (a project path, or the object forms). */
export const triggerSchema = orReference(
  z.union([z.string(), projectTriggerSchema, childTriggerSchema]),
);
