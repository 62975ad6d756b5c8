import { z } from "zod";

/** Job `when`: when the job runs relative to earlier stages. */
export const whenSchema = z.enum([
  "on_success",
  "on_failure",
  "always",
  "never",
  "manual",
  "delayed",
]);

/** `start_in` of a `when: delayed` job, e.g. `"30 minutes"`. */
export const startInSchema = z.string().min(1);
