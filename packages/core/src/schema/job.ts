import { z } from "zod";
import { allowFailureSchema } from "./allow-failure.js";
import { artifactsSchema } from "./artifacts.js";
import { cacheSchema } from "./cache.js";
import { environmentSchema } from "./environment.js";
import { filterSchema } from "./filter.js";
import { hooksSchema } from "./hooks.js";
import { identitySchema, idTokensSchema } from "./id-tokens.js";
import { imageSchema } from "./image.js";
import { inheritSchema } from "./inherit.js";
import { jobInputSchema } from "./input-declaration.js";
import { kubernetesJobSchema } from "./kubernetes.js";
import { needsSchema } from "./needs.js";
import { pagesSchema } from "./pages.js";
import { parallelSchema } from "./parallel.js";
import { orReference, referenceValueSchema } from "./reference-value.js";
import { releaseSchema } from "./release.js";
import { retrySchema } from "./retry.js";
import { jobRulesSchema } from "./rules.js";
import { optionalScriptSchema, scriptSchema } from "./script.js";
import { secretsSchema } from "./secrets.js";
import { servicesSchema } from "./services.js";
import { stepsSchema } from "./steps.js";
import { triggerSchema } from "./trigger.js";
import { jobVariablesSchema } from "./variables.js";
import { startInSchema, whenSchema } from "./when.js";

/** `tags`: runner tags; all must match (`[]` clears tags set in `default`). */
export const tagsSchema = orReference(
  z.array(z.union([z.string().min(1), z.array(z.string()).min(1), referenceValueSchema])),
);

/** `timeout`: e.g. `"1h 30m"`. */
export const timeoutSchema = z.string().min(1);

/** Every job keyword, without cross-keyword checks (`default` picks its keywords from here). */
export const jobObjectSchema = z.strictObject({
  stage: orReference(z.string().min(1))
    .optional()
    .describe("Stage the job belongs to (default: test)"),
  extends: z
    .union([z.string(), z.array(z.string()).min(1)])
    .optional()
    .describe("Jobs or hidden .templates to inherit keywords from"),
  image: imageSchema.optional(),
  services: servicesSchema.optional(),
  tags: tagsSchema.optional(),
  variables: jobVariablesSchema.optional(),
  inputs: z.record(z.string(), jobInputSchema).optional(),
  secrets: secretsSchema.optional(),
  id_tokens: idTokensSchema.optional(),
  identity: identitySchema.optional(),
  inherit: inheritSchema.optional(),
  hooks: hooksSchema.optional(),
  before_script: optionalScriptSchema.optional(),
  script: scriptSchema.optional(),
  run: stepsSchema.optional(),
  after_script: optionalScriptSchema.optional(),
  rules: jobRulesSchema.optional(),
  only: filterSchema.optional(),
  except: filterSchema.optional(),
  needs: needsSchema.optional(),
  dependencies: z.array(z.string()).optional().describe("Jobs whose artifacts are downloaded"),
  when: whenSchema.optional(),
  start_in: startInSchema.optional(),
  manual_confirmation: z.string().optional().describe("Confirmation message of a manual job"),
  allow_failure: allowFailureSchema.optional(),
  timeout: timeoutSchema.optional(),
  retry: retrySchema.optional(),
  interruptible: z.boolean().optional(),
  parallel: parallelSchema.optional(),
  resource_group: z.string().optional(),
  cache: cacheSchema.optional(),
  artifacts: artifactsSchema.optional(),
  coverage: z
    .string()
    .regex(/^\/.+\/$/, "coverage is a regular expression between slashes, e.g. /Total: \\d+%/")
    .optional(),
  environment: environmentSchema.optional(),
  release: releaseSchema.optional(),
  trigger: triggerSchema.optional(),
  pages: pagesSchema.optional(),
  publish: z.string().optional().describe("Folder a pages job publishes"),
  dast_configuration: z
    .strictObject({ site_profile: z.string().optional(), scanner_profile: z.string().optional() })
    .optional()
    .describe("DAST site and scanner profiles (GitLab Ultimate)"),
  kubernetes: kubernetesJobSchema
    .optional()
    .describe("pipecraft extension: the job's Pod on Kubernetes (not written to GitLab)"),
});

/** A job (or hidden `.template`) as written. */
export const jobSchema = jobObjectSchema.refine(
  (job) => job.when !== "delayed" || job.start_in !== undefined,
  { message: "a `when: delayed` job needs `start_in`", path: ["start_in"] },
);

/** A job as the user writes it. */
export type JobInput = z.input<typeof jobSchema>;

/** A job after validation (values as written). */
export type Job = z.output<typeof jobSchema>;
