import { z } from "zod";
import { ifSchema } from "./rules.js";

const optionSchema = z.union([z.string(), z.number(), z.boolean()]);

/** What `type` each `default` must have; an input without `type` is a string. */
function defaultMatchesType(input: { type?: string | undefined; default?: unknown }): boolean {
  const value = input.default;
  if (value === undefined || value === null) return true;
  switch (input.type ?? "string") {
    case "array":
      return Array.isArray(value);
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number";
    default:
      return typeof value === "string";
  }
}

const defaultTypeMessage = { message: "`default` must have the input's `type`", path: ["default"] };

/** The fields every input declaration shares. */
export const inputDeclarationSchema = z.strictObject({
  type: z.enum(["array", "boolean", "number", "string"]).optional(),
  description: z.string().max(1024).optional(),
  options: z.array(optionSchema).optional().describe("The only values the input accepts"),
  regex: z.string().optional().describe("The value must match this regular expression"),
  default: z.json().optional(),
});

/** `spec.inputs.<name>`: an input of this configuration; `null` = a required string. */
export const specInputSchema = inputDeclarationSchema
  .extend({
    // Conditional options/defaults, evaluated like job rules.
    rules: z
      .array(
        z.strictObject({
          if: ifSchema.optional(),
          options: z.array(optionSchema).optional(),
          default: z.json().optional(),
        }),
      )
      .optional(),
  })
  .refine(defaultMatchesType, defaultTypeMessage)
  .nullable();

/** Job `inputs.<name>`: a job input; it must have a `default`. */
export const jobInputSchema = inputDeclarationSchema
  .extend({ default: z.json() })
  .refine(defaultMatchesType, defaultTypeMessage);
