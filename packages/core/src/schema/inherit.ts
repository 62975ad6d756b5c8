import { z } from "zod";

/** Keywords of `default` a job can choose to inherit. */
export const inheritableDefaultSchema = z.enum([
  "after_script",
  "artifacts",
  "before_script",
  "cache",
  "image",
  "interruptible",
  "retry",
  "services",
  "tags",
  "timeout",
]);

/** `inherit`: which `default` keywords and top-level variables the job inherits. */
export const inheritSchema = z.strictObject({
  default: z.union([z.boolean(), z.array(inheritableDefaultSchema)]).optional(),
  variables: z.union([z.boolean(), z.array(z.string())]).optional(),
});
