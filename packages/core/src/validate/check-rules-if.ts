import { isTaggedValue } from "@pipecraft/emit";
import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { formatPath, type PathSegment } from "../diagnostics/path.js";
import {
  expressionErrorCode,
  expressionErrorMessage,
  parseExpression,
} from "../rules/expression-parser.js";
import type { CheckInput } from "./check-input.js";

/**
 * Every `rules:if` (and `only`/`except` `variables:` expression) must parse with GitLab's
 * expression grammar, or GitLab rejects the configuration. The shell's `${VAR}` gets its own
 * message: GitLab's expressions only know `$VAR`. Checked where the rules are written (jobs,
 * templates, `workflow`, `include`), so a rule shared by many jobs is reported once.
 */
export function checkRulesIf(input: CheckInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const checkExpression = (condition: unknown, path: PathSegment[]): void => {
    if (typeof condition !== "string") return;
    const parsed = parseExpression(condition);
    if ("error" in parsed) {
      diagnostics.push(
        error(
          expressionErrorCode(parsed.error),
          formatPath(path),
          expressionErrorMessage(condition, parsed.error),
        ),
      );
    }
  };
  const checkRules = (rules: unknown, path: PathSegment[]): void => {
    if (!Array.isArray(rules)) return;
    rules.forEach((rule: unknown, i) => {
      if (typeof rule !== "object" || rule === null || isTaggedValue(rule)) return;
      checkExpression((rule as { if?: unknown }).if, [...path, i, "if"]);
    });
  };
  const checkFilter = (filter: unknown, path: PathSegment[]): void => {
    if (typeof filter !== "object" || filter === null || Array.isArray(filter)) return;
    if (isTaggedValue(filter)) return;
    const expressions: unknown = (filter as { variables?: unknown }).variables;
    if (!Array.isArray(expressions)) return;
    expressions.forEach((expression: unknown, i) => {
      checkExpression(expression, [...path, "variables", i]);
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
    checkFilter(job.only, ["jobs", name, "only"]);
    checkFilter(job.except, ["jobs", name, "except"]);
  }
  return diagnostics;
}
