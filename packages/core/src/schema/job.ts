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
  /**
   * The stage the job runs in; `test` when omitted.
   * @see https://docs.gitlab.com/ci/yaml/#stage
   */
  stage: orReference(z.string().min(1))
    .optional()
    .describe("Stage the job belongs to (default: test)"),
  /**
   * Jobs or hidden `.templates` whose keywords this job inherits, merged in order.
   * @see https://docs.gitlab.com/ci/yaml/#extends
   */
  extends: z
    .union([z.string(), z.array(z.string()).min(1)])
    .optional()
    .describe("Jobs or hidden .templates to inherit keywords from"),
  /**
   * The container image the job runs in.
   * @see https://docs.gitlab.com/ci/yaml/#image
   */
  image: imageSchema.optional(),
  /**
   * Extra containers (databases, Docker-in-Docker) that run beside the job.
   * @see https://docs.gitlab.com/ci/yaml/#services
   */
  services: servicesSchema.optional(),
  /**
   * Runner tags: the job runs only on a runner that has all of them.
   * @see https://docs.gitlab.com/ci/yaml/#tags
   */
  tags: tagsSchema.optional(),
  /**
   * CI/CD variables set for this job.
   * @see https://docs.gitlab.com/ci/yaml/#variables
   */
  variables: jobVariablesSchema.optional(),
  /**
   * Inputs of this job, set when the job is run.
   * @see https://docs.gitlab.com/ci/yaml/#inputs
   */
  inputs: z.record(z.string(), jobInputSchema).optional(),
  /**
   * Secrets from an external provider (Vault, cloud secret managers), exposed as variables or files.
   * @see https://docs.gitlab.com/ci/yaml/#secrets
   */
  secrets: secretsSchema.optional(),
  /**
   * OpenID Connect ID tokens the job can use to authenticate with third parties.
   * @see https://docs.gitlab.com/ci/yaml/#id_tokens
   */
  id_tokens: idTokensSchema.optional(),
  /**
   * Identity federation with a cloud provider (Google Cloud) without long-lived keys.
   * @see https://docs.gitlab.com/ci/yaml/#identity
   */
  identity: identitySchema.optional(),
  /**
   * Which `default` keywords and top-level variables this job inherits.
   * @see https://docs.gitlab.com/ci/yaml/#inherit
   */
  inherit: inheritSchema.optional(),
  /**
   * Commands run at fixed points of the job, such as before the sources are fetched.
   * @see https://docs.gitlab.com/ci/yaml/#hooks
   */
  hooks: hooksSchema.optional(),
  /**
   * Commands run before `script`, in the same shell.
   * @see https://docs.gitlab.com/ci/yaml/#before_script
   */
  before_script: optionalScriptSchema.optional(),
  /**
   * The shell commands the runner executes: the job's work.
   * @see https://docs.gitlab.com/ci/yaml/#script
   */
  script: scriptSchema.optional(),
  /**
   * CI/CD steps the job runs, instead of `script`.
   * @see https://docs.gitlab.com/ci/yaml/#run
   */
  run: stepsSchema.optional(),
  /**
   * Commands run after `script`, even when it fails, in a separate shell.
   * @see https://docs.gitlab.com/ci/yaml/#after_script
   */
  after_script: optionalScriptSchema.optional(),
  /**
   * Conditions, checked in order, that decide whether and how the job is added to a pipeline.
   * @see https://docs.gitlab.com/ci/yaml/#rules
   */
  rules: jobRulesSchema.optional(),
  /**
   * When the job is added to a pipeline (deprecated: use `rules`).
   * @see https://docs.gitlab.com/ci/yaml/#only--except
   */
  only: filterSchema.optional(),
  /**
   * When the job is not added to a pipeline (deprecated: use `rules`).
   * @see https://docs.gitlab.com/ci/yaml/#only--except
   */
  except: filterSchema.optional(),
  /**
   * Jobs this job waits for (and takes artifacts from), regardless of stage order.
   * @see https://docs.gitlab.com/ci/yaml/#needs
   */
  needs: needsSchema.optional(),
  /**
   * Jobs whose artifacts this job downloads; `[]` downloads none.
   * @see https://docs.gitlab.com/ci/yaml/#dependencies
   */
  dependencies: z.array(z.string()).optional().describe("Jobs whose artifacts are downloaded"),
  /**
   * When the job runs: `on_success`, `on_failure`, `always`, `manual`, `delayed` or `never`.
   * @see https://docs.gitlab.com/ci/yaml/#when
   */
  when: whenSchema.optional(),
  /**
   * How long a `when: delayed` job waits before it starts, e.g. `30 minutes`.
   * @see https://docs.gitlab.com/ci/yaml/#when
   */
  start_in: startInSchema.optional(),
  /**
   * The message a person confirms before a manual job runs.
   * @see https://docs.gitlab.com/ci/yaml/#manual_confirmation
   */
  manual_confirmation: z.string().optional().describe("Confirmation message of a manual job"),
  /**
   * Whether the pipeline goes on when the job fails (optionally for some exit codes only).
   * @see https://docs.gitlab.com/ci/yaml/#allow_failure
   */
  allow_failure: allowFailureSchema.optional(),
  /**
   * How long the job may run before it fails, e.g. `1h 30m`.
   * @see https://docs.gitlab.com/ci/yaml/#timeout
   */
  timeout: timeoutSchema.optional(),
  /**
   * How often a failed job is retried automatically, and on which failures.
   * @see https://docs.gitlab.com/ci/yaml/#retry
   */
  retry: retrySchema.optional(),
  /**
   * Whether a newer pipeline may cancel the job while it runs.
   * @see https://docs.gitlab.com/ci/yaml/#interruptible
   */
  interruptible: z.boolean().optional(),
  /**
   * How many copies of the job run in parallel, or a `matrix` of variable values.
   * @see https://docs.gitlab.com/ci/yaml/#parallel
   */
  parallel: parallelSchema.optional(),
  /**
   * A lock: jobs of the same resource group never run at the same time.
   * @see https://docs.gitlab.com/ci/yaml/#resource_group
   */
  resource_group: z.string().optional(),
  /**
   * Files kept between pipelines and jobs to speed them up.
   * @see https://docs.gitlab.com/ci/yaml/#cache
   */
  cache: cacheSchema.optional(),
  /**
   * Files the job keeps when it ends, for later jobs and for download.
   * @see https://docs.gitlab.com/ci/yaml/#artifacts
   */
  artifacts: artifactsSchema.optional(),
  /**
   * A regular expression that finds the test coverage in the job's log.
   * @see https://docs.gitlab.com/ci/yaml/#coverage
   */
  coverage: z
    .string()
    .regex(/^\/.+\/$/, "coverage is a regular expression between slashes, e.g. /Total: \\d+%/")
    .optional(),
  /**
   * The environment the job deploys to.
   * @see https://docs.gitlab.com/ci/yaml/#environment
   */
  environment: environmentSchema.optional(),
  /**
   * A release the job creates.
   * @see https://docs.gitlab.com/ci/yaml/#release
   */
  release: releaseSchema.optional(),
  /**
   * Starts a downstream pipeline (child or multi-project) instead of running a script.
   * @see https://docs.gitlab.com/ci/yaml/#trigger
   */
  trigger: triggerSchema.optional(),
  /**
   * Marks the job as the one that deploys GitLab Pages, with its options.
   * @see https://docs.gitlab.com/ci/yaml/#pages
   */
  pages: pagesSchema.optional(),
  /**
   * The folder a Pages job publishes.
   * @see https://docs.gitlab.com/ci/yaml/#pagespublish
   */
  publish: z.string().optional().describe("Folder a pages job publishes"),
  /**
   * DAST site and scanner profiles the job uses.
   * @see https://docs.gitlab.com/ci/yaml/#dast_configuration
   */
  dast_configuration: z
    .strictObject({ site_profile: z.string().optional(), scanner_profile: z.string().optional() })
    .optional()
    .describe("DAST site and scanner profiles (GitLab Ultimate)"),
  /** pipecraft extension: the job's Pod on Kubernetes; not written to GitLab. */
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
