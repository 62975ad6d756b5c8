import { z } from "zod";
import { orReference } from "./reference-value.js";

/** The object form of `environment`. */
export const environmentObjectSchema = z.strictObject({
  // Optional: a hidden template often sets only `action`/`url`, and the job extending it the
  // name; GitLab checks for a name after `extends` is merged (so does our validation).
  name: z.string().optional(),
  url: z.string().optional(),
  on_stop: z.string().optional().describe("Job that stops this environment"),
  action: z.enum(["start", "prepare", "stop", "verify", "access"]).optional(),
  auto_stop_in: z.string().optional(),
  kubernetes: z
    .strictObject({
      agent: z.string().optional(),
      namespace: z.string().min(1).optional(),
      flux_resource_path: z.string().optional(),
      managed_resources: z.strictObject({ enabled: z.boolean().optional() }).optional(),
      dashboard: z
        .strictObject({
          namespace: z.string().min(1).optional(),
          flux_resource_path: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  deployment_tier: z.string().optional(),
});

/** `environment`: the environment a job deploys to, by name or as an object. */
export const environmentSchema = orReference(z.union([z.string(), environmentObjectSchema]));
