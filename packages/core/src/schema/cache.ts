import { z } from "zod";
import { orReference } from "./reference-value.js";

/** `cache.key`: a name, or derived from the content of up to two files. */
export const cacheKeySchema = z.union([
  z.string(),
  z.strictObject({
    files: z.array(z.string()).min(1).max(2).optional(),
    files_commits: z.array(z.string()).min(1).max(2).optional(),
    prefix: z.string().optional(),
  }),
]);

/** `cache.policy`: a fixed policy or a `$VARIABLE` that holds one. */
export const cachePolicySchema = z.union([
  z.enum(["pull-push", "pull", "push"]),
  z.templateLiteral(["$", z.string()]),
]);

/** One cache: files kept between pipelines under `key`. */
export const cacheItemSchema = z.strictObject({
  key: cacheKeySchema.optional(),
  paths: z.array(z.string()).optional(),
  policy: cachePolicySchema.optional(),
  unprotect: z.boolean().optional(),
  untracked: z.boolean().optional(),
  when: z.enum(["on_success", "on_failure", "always"]).optional(),
  fallback_keys: z.array(z.string()).max(5).optional(),
});

/** `cache`: one cache or a list of several. */
export const cacheSchema = orReference(z.union([cacheItemSchema, z.array(cacheItemSchema)]));
