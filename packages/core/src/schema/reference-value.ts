import { isTaggedValue, type TaggedValue } from "@pipecraft/emit";
import { z } from "zod";

/**
 * GitLab's `!reference [job, key, …]`, as `reference()` builds it: accepted wherever a value is.
 * Its own name (not the YAML writer's `TaggedValue`) is what editors show next to plain strings.
 */
export interface Reference extends TaggedValue {}

/** A GitLab `!reference [job, key, …]` value, as built by `reference()`. */
export const referenceValueSchema = z.custom<Reference>(
  (value: unknown) => isTaggedValue(value) && value.tag === "!reference",
  {
    message: "expected a !reference value (build it with reference(job, ...keys))",
    // Lets narrowIssues tell "not a reference" apart from the custom checks of other schemas.
    params: { expected: "!reference" },
  },
);

/**
 * `schema`, or a `!reference` standing in for the whole value (GitLab resolves references before
 * it validates, so a reference is accepted wherever a value is).
 * @example orReference(scriptSchema) // accepts ["npm test"] and reference(".setup", "script")
 */
export function orReference<T extends z.ZodType>(schema: T) {
  return z.union([schema, referenceValueSchema]);
}
