import type { z } from "zod";
import { jobObjectSchema } from "./job.js";

/** `default`: keywords every job inherits unless it sets them (or opts out with `inherit`). */
export const defaultSchema = jobObjectSchema.pick({
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
});

/** The `default` section. */
export type Default = z.output<typeof defaultSchema>;
