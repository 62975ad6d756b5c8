import { z } from "zod";
import { orReference } from "./reference-value.js";

/** `release`: create a GitLab release when the job succeeds. */
export const releaseSchema = orReference(
  z.strictObject({
    tag_name: z.string().min(1),
    tag_message: z.string().optional(),
    description: z.string().min(1),
    name: z.string().optional(),
    ref: z.string().optional(),
    milestones: z.array(z.string()).optional(),
    released_at: z.string().optional().describe("ISO 8601, e.g. 2026-01-31T12:00:00Z"),
    assets: z
      .strictObject({
        links: z
          .array(
            z.strictObject({
              name: z.string().min(1),
              url: z.string().min(1),
              filepath: z.string().optional(),
              link_type: z.enum(["runbook", "package", "image", "other"]).optional(),
            }),
          )
          .min(1),
      })
      .optional(),
  }),
);
