import { z } from "zod";

/** Job `pages`: publish this job's output as a GitLab Pages site (`true` or settings). */
export const pagesSchema = z.union([
  z.strictObject({
    path_prefix: z.string().optional(),
    expire_in: z.string().optional(),
    publish: z.string().optional().describe("Folder to publish (default public/)"),
  }),
  z.boolean(),
]);
