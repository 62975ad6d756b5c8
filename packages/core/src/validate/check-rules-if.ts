import { isTaggedValue } from "@pipecraft/emit";
import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { formatPath, type PathSegment } from "../diagnostics/path.js";
import type { CheckInput } from "./check-input.js";

// `${VAR}` is shell syntax; GitLab's rules expressions only know `$VAR`.
const BRACED_VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * `rules:if` uses `$VAR`, not `${VAR}`: GitLab's expression parser does not expand the braced
 * form. Checked where the rules are written (jobs, templates, `workflow`, `include`), so a rule
 * shared by many jobs is reported once.
 */
export function checkRulesIf(input: CheckInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const checkRules = (rules: unknown, path: PathSegment[]): void => {
    if (!Array.isArray(rules)) return;
    rules.forEach((rule: unknown, i) => {
      if (typeof rule !== "object" || rule === null || isTaggedValue(rule)) return;
      const condition: unknown = (rule as { if?: unknown }).if;
      if (typeof condition !== "string") return;
      for (const [braced, variable] of condition.matchAll(BRACED_VARIABLE)) {
        diagnostics.push(
          error(
            "rules/braced-variable",
            formatPath([...path, i, "if"]),
            `${braced} is not expanded in rules:if; use $${variable}`,
          ),
        );
      }
    });
  };
  checkRules(input.writtenTopLevel.workflow?.rules, ["workflow", "rules"]);
  const include = input.writtenTopLevel.include;
  if (typeof include === "object" && !Array.isArray(include) && !isTaggedValue(include)) {
    checkRules(include.rules, ["include", "rules"]);
  } else if (Array.isArray(include)) {
    include.forEach((entry: unknown, i) => {
      if (typeof entry === "object" && entry !== null && !isTaggedValue(entry)) {
        checkRules((entry as { rules?: unknown }).rules, ["include", i, "rules"]);
      }
    });
  }
  for (const [name, job] of Object.entries(input.written)) {
    checkRules(job.rules, ["jobs", name, "rules"]);
  }
  return diagnostics;
}
