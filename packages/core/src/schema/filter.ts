import { z } from "zod";
import { orReference } from "./reference-value.js";

/**
 * `only` / `except` refs: branch/tag names, `/regex/`, or the keywords `branches`, `tags`,
 * `merge_requests`, `schedules`, `web`, …
 */
export const filterRefsSchema = z.array(z.string());

/** `only` / `except` (superseded by `rules`, still valid): refs, or `{ refs, variables, changes, kubernetes }`. */
export const filterSchema = orReference(
  z.union([
    filterRefsSchema,
    z.strictObject({
      refs: filterRefsSchema.optional(),
      kubernetes: z.literal("active").optional(),
      variables: z.array(z.string()).optional(),
      changes: z.array(z.string()).optional(),
    }),
  ]),
).nullable();
