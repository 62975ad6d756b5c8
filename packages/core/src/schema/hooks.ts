import { z } from "zod";
import { optionalScriptSchema } from "./script.js";

/** `hooks`: commands run at fixed points of the job. */
export const hooksSchema = z.strictObject({
  pre_get_sources_script: optionalScriptSchema
    .optional()
    .describe("Before the repository is cloned"),
});
