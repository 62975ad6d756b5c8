import { z } from "zod";
import { cacheSchema } from "./cache.js";
import { defaultSchema } from "./default.js";
import { imageSchema } from "./image.js";
import { includeSchema } from "./include.js";
import { referenceValueSchema } from "./reference-value.js";
import { optionalScriptSchema } from "./script.js";
import { servicesSchema } from "./services.js";
import { specSchema } from "./spec.js";
import { globalVariablesSchema } from "./variables.js";
import { workflowSchema } from "./workflow.js";

const deprecatedGlobal = "deprecated at top level: set it in `default` instead";

/** Every top-level keyword of a GitLab configuration (everything except the jobs). */
export const topLevelSchema = z.strictObject({
  spec: specSchema.optional().describe("Header document: the inputs this configuration accepts"),
  stages: z
    .array(z.union([z.string(), z.array(z.string()), referenceValueSchema]))
    .min(1)
    .optional()
    .describe("Stage order; default build, test, deploy (plus .pre and .post)"),
  variables: globalVariablesSchema.optional(),
  default: defaultSchema.optional(),
  workflow: workflowSchema.optional(),
  include: includeSchema.optional(),
  image: imageSchema.optional().describe(deprecatedGlobal),
  services: servicesSchema.optional().describe(deprecatedGlobal),
  cache: cacheSchema.optional().describe(deprecatedGlobal),
  before_script: optionalScriptSchema.optional().describe(deprecatedGlobal),
  after_script: optionalScriptSchema.optional().describe(deprecatedGlobal),
});

/** A top-level GitLab keyword: any other top-level key of a `.gitlab-ci.yml` is a job. */
export type TopLevelKeyword = keyof typeof topLevelSchema.shape;

/** GitLab's top-level keywords, in the order GitLab's documentation lists them. */
export const topLevelKeywords = Object.keys(topLevelSchema.shape) as readonly TopLevelKeyword[];
