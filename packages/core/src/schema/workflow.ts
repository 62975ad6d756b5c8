import { z } from "zod";
import { orReference, referenceValueSchema } from "./reference-value.js";
import { ruleConditionsSchema } from "./rules.js";
import { rulesVariablesSchema } from "./variables.js";

/** `workflow.auto_cancel`: which running jobs a new pipeline or a failure cancels. */
export const autoCancelSchema = z.strictObject({
  /**
   * What a pipeline for a newer commit cancels: `conservative`, `interruptible` or `none`.
   * @see https://docs.gitlab.com/ci/yaml/#workflowauto_cancelon_new_commit
   */
  on_new_commit: z.enum(["conservative", "interruptible", "none"]).optional(),
  /**
   * What a failed job cancels: `none` or `all` other jobs.
   * @see https://docs.gitlab.com/ci/yaml/#workflowauto_cancelon_job_failure
   */
  on_job_failure: z.enum(["none", "all"]).optional(),
});

/** One `workflow.rules` entry: whether a pipeline is created, with which variables. */
export const workflowRuleSchema = ruleConditionsSchema.extend({
  when: z.enum(["always", "never"]).optional(),
  variables: rulesVariablesSchema.optional(),
  auto_cancel: autoCancelSchema.optional(),
});

/** `workflow`: pipeline name, creation rules and auto-cancel behaviour. */
export const workflowSchema = z.strictObject({
  /**
   * The pipeline's name, shown in the pipeline list.
   * @see https://docs.gitlab.com/ci/yaml/#workflowname
   */
  name: z.string().min(1).max(255).optional(),
  /**
   * Conditions, checked in order, that decide whether a pipeline is created.
   * @see https://docs.gitlab.com/ci/yaml/#workflowrules
   */
  rules: orReference(z.array(z.union([workflowRuleSchema, referenceValueSchema]))).optional(),
  /**
   * Which running jobs a newer pipeline or a failed job cancels.
   * @see https://docs.gitlab.com/ci/yaml/#workflowauto_cancelon_new_commit
   */
  auto_cancel: autoCancelSchema.optional(),
});
