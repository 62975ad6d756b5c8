import { z } from "zod";
import { orReference } from "./reference-value.js";

const pullPolicyValueSchema = z.enum(["always", "never", "if-not-present"]);

/** `image.pull_policy`: one policy or a list tried in order. */
export const pullPolicySchema = z.union([
  pullPolicyValueSchema,
  z.array(pullPolicyValueSchema).min(1),
]);

/** The object form of `image`; services extend it. */
export const imageObjectSchema = z.strictObject({
  name: z.string().min(1),
  entrypoint: z.array(z.string()).min(1).optional(),
  docker: z
    .strictObject({
      platform: z.string().min(1).optional(),
      user: z.string().min(1).max(255).optional(),
    })
    .optional(),
  kubernetes: z
    .strictObject({ user: z.union([z.string().min(1).max(255), z.int()]).optional() })
    .optional(),
  pull_policy: pullPolicySchema.optional(),
});

/** `image`: `"node:22"` or `{ name, entrypoint, pull_policy, docker, kubernetes }`. */
export const imageSchema = orReference(z.union([z.string().min(1), imageObjectSchema]));
