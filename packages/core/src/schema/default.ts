import type { z } from "zod";
import { jobObjectSchema } from "./job.js";
import { kubernetesDefaultSchema } from "./kubernetes.js";

/** `default`: keywords every job inherits unless it sets them (or opts out with `inherit`). */
export const defaultSchema = jobObjectSchema
  .pick({
    after_script: true,
    artifacts: true,
    before_script: true,
    cache: true,
    hooks: true,
    id_tokens: true,
    identity: true,
    image: true,
    interruptible: true,
    retry: true,
    services: true,
    tags: true,
    timeout: true,
  })
  .extend({
    /** pipecraft extension: Pod settings every job starts from, merged field by field. */
    kubernetes: kubernetesDefaultSchema
      .optional()
      .describe("pipecraft extension: Pod settings every job starts from (merged field by field)"),
  });

/** The `default` section. */
export type Default = z.output<typeof defaultSchema>;
