import { z } from "zod";
import { orReference, referenceValueSchema } from "./reference-value.js";
import { ruleConditionsSchema } from "./rules.js";
import { rulesVariablesSchema } from "./variables.js";

/** `workflow.auto_cancel`: which running jobs a new pipeline or a failure cancels. */
export const autoCancelSchema = z.strictObject({
  on_new_commit: z.enum(["conservative", "interruptible", "none"]).optional(),
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
  name: z.string().min(1).max(255).optional(),
  rules: orReference(z.array(z.union([workflowRuleSchema, referenceValueSchema]))).optional(),
  auto_cancel: autoCancelSchema.optional(),
});
