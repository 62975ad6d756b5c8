import { isTaggedValue } from "@pipecraft/emit";
import { error } from "../diagnostics/diagnostic.js";
import type { Pipeline } from "../schema/index.js";
import { expandVariables } from "./expand-variables.js";
import { type ConditionContext, conditionsHold } from "./rule-conditions.js";
import { variableStrings } from "./rule-variables.js";
import type { VariableMap } from "./selection-input.js";

/** What `workflow:` decides: whether the pipeline is created, its name, the variables it adds. */
export type WorkflowDecision = {
  runs: boolean;
  /** `workflow:name` with its variables expanded (unknown ones expand to nothing, as on GitLab). */
  name?: string;
  /** The matching rule's `variables` (they override the pipeline's top-level variables). */
  variables: Record<string, string>;
};

/**
 * Evaluates `workflow:rules`: the first rule whose conditions hold decides (`when: never` stops
 * the pipeline); when none holds, there is no pipeline. Without rules, the pipeline runs.
 * `variables`: what the rules see (predefined, top-level and the run's variables, in precedence).
 */
export function evaluateWorkflow(
  workflow: Pipeline["workflow"],
  variables: VariableMap,
  nameVariables: (ruleVariables: VariableMap) => VariableMap,
  context: ConditionContext,
): WorkflowDecision {
  const rules = workflow?.rules;
  let decision: Omit<WorkflowDecision, "name"> = { runs: true, variables: {} };
  if (isTaggedValue(rules)) {
    context.report(
      error(
        "rules/unresolved-reference",
        "workflow.rules",
        "unresolved !reference; the pipeline is treated as not created",
      ),
    );
    decision = { runs: false, variables: {} };
  } else if (rules !== undefined) {
    const index = rules.findIndex(
      (rule, i) =>
        !isTaggedValue(rule) && conditionsHold(rule, variables, context, ["workflow", "rules", i]),
    );
    const rule = rules[index];
    decision =
      rule === undefined || isTaggedValue(rule)
        ? { runs: false, variables: {} }
        : { runs: rule.when !== "never", variables: variableStrings(rule.variables) };
  }
  if (workflow?.name === undefined) return decision;
  const name = expandVariables(workflow.name, nameVariables(decision.variables), false);
  return { ...decision, name };
}
