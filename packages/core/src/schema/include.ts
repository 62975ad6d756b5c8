import { z } from "zod";
import { inputValuesSchema } from "./inputs.js";
import { orReference, referenceValueSchema } from "./reference-value.js";
import { includeRulesSchema } from "./rules.js";

const includeOptions = {
  rules: includeRulesSchema.optional(),
  inputs: inputValuesSchema.optional(),
};

/** `include: { local }`: a file of this repository. */
export const localIncludeSchema = z.strictObject({ local: z.string(), ...includeOptions });

/** `include: { project, file, ref }`: files of another project. */
export const projectIncludeSchema = z.strictObject({
  project: z.string(),
  ref: z.string().optional(),
  file: z.union([z.string(), z.array(z.string())]),
  ...includeOptions,
});

/** `include: { template }`: one of GitLab's own templates. */
export const templateIncludeSchema = z.strictObject({ template: z.string(), ...includeOptions });

/** `include: { component }`: a CI/CD catalog component, usually with `inputs`. */
export const componentIncludeSchema = z.strictObject({ component: z.string(), ...includeOptions });

/** `include: { remote }`: a file fetched over HTTP(S). */
export const remoteIncludeSchema = z.strictObject({
  remote: z.string(),
  integrity: z.string().optional().describe("sha256-<base64> of the file"),
  ...includeOptions,
});

/** One `include` entry: a path/URL string or one of the object forms. */
export const includeItemSchema = z.union([
  z.string(),
  localIncludeSchema,
  projectIncludeSchema,
  templateIncludeSchema,
  componentIncludeSchema,
  remoteIncludeSchema,
  referenceValueSchema,
]);

/** Top-level `include`: one entry or a list. */
export const includeSchema = orReference(z.union([includeItemSchema, z.array(includeItemSchema)]));
