import { z } from "zod";
import { specInputSchema } from "./input-declaration.js";

/** The `spec` header document: the inputs this configuration accepts. */
export const specSchema = z.strictObject({
  inputs: z.record(z.string(), specInputSchema).optional(),
});
