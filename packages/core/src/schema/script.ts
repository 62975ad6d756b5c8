import { z } from "zod";
import { nestedListSchema } from "./nested-list.js";
import { orReference, referenceValueSchema } from "./reference-value.js";

const scriptLineSchema = z.union([z.string(), referenceValueSchema]);

// GitLab flattens nested lists up to 10 levels, which is what YAML anchors and `!reference` produce.
const scriptListSchema = nestedListSchema(scriptLineSchema);

/** `script`: one command or a non-empty list of commands (nested lists are flattened by GitLab). */
export const scriptSchema = orReference(
  z.union([z.string().min(1), scriptListSchema.check(z.minLength(1))]),
).describe("Shell commands the runner executes");

/** `before_script`, `after_script`, `hooks.pre_get_sources_script`: like `script`, may be empty. */
export const optionalScriptSchema = orReference(z.union([z.string(), scriptListSchema]));
