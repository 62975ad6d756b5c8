import { z } from "zod";
import { orReference, referenceValueSchema } from "./reference-value.js";

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

const jobVariableObjectSchema = z.strictObject({
  value: z.string().optional(),
  expand: z.boolean().optional().describe("false: `$` in the value is not expanded"),
});

// Only top-level variables can be offered to people who run a pipeline manually.
const globalVariableObjectSchema = jobVariableObjectSchema.extend({
  description: z.string().optional().describe("Shown on the 'Run pipeline' page"),
  options: z.array(z.string()).min(1).optional().describe("Values offered on 'Run pipeline'"),
});

/** Top-level `variables`: plain values or `{ value, description, options, expand }`. */
export const globalVariablesSchema = orReference(
  z.record(z.string(), z.union([scalarSchema, globalVariableObjectSchema, referenceValueSchema])),
);

/** Job (and service) `variables`: plain values or `{ value, expand }`. */
export const jobVariablesSchema = orReference(
  z.record(z.string(), z.union([scalarSchema, jobVariableObjectSchema, referenceValueSchema])),
);

/** `rules[].variables`: plain values only. */
export const rulesVariablesSchema = orReference(
  z.record(z.string(), z.union([scalarSchema, referenceValueSchema])),
);
