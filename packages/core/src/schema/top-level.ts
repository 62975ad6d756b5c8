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
  /**
   * Header section: the inputs this configuration accepts.
   * @see https://docs.gitlab.com/ci/yaml/#spec
   */
  spec: specSchema.optional().describe("Header document: the inputs this configuration accepts"),
  /**
   * The stages, in the order they run; `build`, `test`, `deploy` when omitted (plus `.pre` and `.post`).
   * @see https://docs.gitlab.com/ci/yaml/#stages
   */
  stages: z
    .array(z.union([z.string(), z.array(z.string()), referenceValueSchema]))
    .min(1)
    .optional()
    .describe("Stage order; default build, test, deploy (plus .pre and .post)"),
  /**
   * CI/CD variables for every job, optionally offered on the 'Run pipeline' page.
   * @see https://docs.gitlab.com/ci/yaml/#variables
   */
  variables: globalVariablesSchema.optional(),
  /**
   * Keywords every job inherits unless it sets them itself.
   * @see https://docs.gitlab.com/ci/yaml/#default
   */
  default: defaultSchema.optional(),
  /**
   * Whether a pipeline is created, its name, and what it cancels.
   * @see https://docs.gitlab.com/ci/yaml/#workflow
   */
  workflow: workflowSchema.optional(),
  /**
   * Other configuration files merged into this one.
   * @see https://docs.gitlab.com/ci/yaml/#include
   */
  include: includeSchema.optional(),
  /**
   * Deprecated at top level: set `default.image` instead.
   * @see https://docs.gitlab.com/ci/yaml/#globally-defined-image-services-cache-before_script-after_script
   */
  image: imageSchema.optional().describe(deprecatedGlobal),
  /**
   * Deprecated at top level: set `default.services` instead.
   * @see https://docs.gitlab.com/ci/yaml/#globally-defined-image-services-cache-before_script-after_script
   */
  services: servicesSchema.optional().describe(deprecatedGlobal),
  /**
   * Deprecated at top level: set `default.cache` instead.
   * @see https://docs.gitlab.com/ci/yaml/#globally-defined-image-services-cache-before_script-after_script
   */
  cache: cacheSchema.optional().describe(deprecatedGlobal),
  /**
   * Deprecated at top level: set `default.before_script` instead.
   * @see https://docs.gitlab.com/ci/yaml/#globally-defined-image-services-cache-before_script-after_script
   */
  before_script: optionalScriptSchema.optional().describe(deprecatedGlobal),
  /**
   * Deprecated at top level: set `default.after_script` instead.
   * @see https://docs.gitlab.com/ci/yaml/#globally-defined-image-services-cache-before_script-after_script
   */
  after_script: optionalScriptSchema.optional().describe(deprecatedGlobal),
});

/** A top-level GitLab keyword: any other top-level key of a `.gitlab-ci.yml` is a job. */
export type TopLevelKeyword = keyof typeof topLevelSchema.shape;

/** GitLab's top-level keywords, in the order GitLab's documentation lists them. */
export const topLevelKeywords = Object.keys(topLevelSchema.shape) as readonly TopLevelKeyword[];
