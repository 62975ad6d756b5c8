import { z } from "zod";

/** `allow_failure`: a boolean, or the exit codes that count as an allowed failure. */
export const allowFailureSchema = z.union([
  z.boolean(),
  z.strictObject({ exit_codes: z.union([z.int(), z.array(z.int()).min(1)]) }),
]);
