import { z } from "zod";
import { imageObjectSchema } from "./image.js";
import { orReference, referenceValueSchema } from "./reference-value.js";
import { scriptSchema } from "./script.js";
import { jobVariablesSchema } from "./variables.js";

/** One service: an image plus how the job reaches and starts it. */
export const serviceSchema = z.union([
  z.string().min(1),
  imageObjectSchema.extend({
    command: scriptSchema.optional(),
    alias: z.string().min(1).optional(),
    variables: jobVariablesSchema.optional(),
  }),
  referenceValueSchema,
]);

/** `services`: containers started next to the job. */
export const servicesSchema = orReference(z.array(serviceSchema));
