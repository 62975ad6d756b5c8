import { isTaggedValue } from "@pipecraft/emit";
import type { Pipeline } from "../schema/index.js";
import { expandVariables } from "./expand-variables.js";
import { variableStrings } from "./rule-variables.js";
import type { SelectionInput } from "./selection-input.js";

/**
 * The refs that `rules:changes:compare_to` names in `pipeline` (jobs, templates and
 * `workflow:rules`), expanded with the input's variables: the keys `changedFilesSince` needs,
 * for a caller that reads the diffs from a repository before calling `selectJobs`.
 * @example compareToRefs(model, { predefined: { CI_DEFAULT_BRANCH: "main" } }) // ["refs/heads/main"]
 */
export function compareToRefs(
  pipeline: Pipeline,
  input: Pick<SelectionInput, "predefined" | "variables"> = {},
): string[] {
  const base = { ...input.predefined, ...variableStrings(pipeline.variables) };
  const refs = new Set<string>();
  const collect = (rules: unknown, variables: Readonly<Record<string, string>>): void => {
    if (!Array.isArray(rules)) return;
    for (const rule of rules as unknown[]) {
      if (typeof rule !== "object" || rule === null || isTaggedValue(rule)) continue;
      const changes: unknown = (rule as { changes?: unknown }).changes;
      if (typeof changes !== "object" || changes === null || Array.isArray(changes)) continue;
      const compareTo: unknown = (changes as { compare_to?: unknown }).compare_to;
      if (typeof compareTo === "string") {
        refs.add(expandVariables(compareTo, { ...variables, ...input.variables }, false));
      }
    }
  };
  collect(pipeline.workflow?.rules, base);
  for (const job of Object.values(pipeline.jobs)) {
    collect(job.rules, { ...base, ...variableStrings(job.variables) });
  }
  return [...refs];
}
