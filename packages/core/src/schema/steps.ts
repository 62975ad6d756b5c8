import { z } from "zod";

const stepNameSchema = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "step names are identifiers");
const namedSchema = <T extends z.ZodType>(value: T) => z.record(stepNameSchema, value);

/** Where a step's definition comes from: a name, a git repository, or an OCI image. */
export const stepReferenceSchema = z.union([
  z.string(),
  z.strictObject({
    git: z.strictObject({
      url: z.string(),
      dir: z.string().optional(),
      rev: z.string(),
      file: z.string().optional(),
    }),
  }),
  z.strictObject({
    oci: z.strictObject({
      registry: z.string(),
      repository: z.string(),
      tag: z.string(),
      dir: z.string().optional(),
      file: z.string().optional(),
    }),
  }),
]);

const stepBase = { name: stepNameSchema, env: namedSchema(z.string()).optional() };

/** One CI step: a reusable step (`step` or `func`) with inputs, or an inline `script`. */
export const stepSchema = z.union([
  z
    .strictObject({
      ...stepBase,
      inputs: namedSchema(z.json()).optional(),
      step: stepReferenceSchema.optional(),
      func: stepReferenceSchema.optional(),
    })
    .refine((step) => (step.step === undefined) !== (step.func === undefined), {
      message: "give exactly one of `step` or `func`",
    }),
  z.strictObject({ ...stepBase, script: z.string().min(1) }),
]);

/** Job `run`: CI steps, run instead of `script`. */
export const stepsSchema = z.array(stepSchema);
