import { z } from "zod";
import { orReference, referenceValueSchema } from "./reference-value.js";

const scriptLineSchema = z.union([z.string(), referenceValueSchema]);

// GitLab flattens one level of nested arrays, which is what YAML anchors and `!reference` produce.
const scriptItemSchema = z.union([z.string(), z.array(scriptLineSchema), referenceValueSchema]);

/** `script`: one command or a non-empty list of commands (nested lists are flattened by GitLab). */
export const scriptSchema = orReference(
  z.union([z.string().min(1), z.array(scriptItemSchema).min(1)]),
).describe("Shell commands the runner executes");

/** `before_script`, `after_script`, `hooks.pre_get_sources_script`: like `script`, may be empty. */
export const optionalScriptSchema = orReference(z.union([z.string(), z.array(scriptItemSchema)]));
