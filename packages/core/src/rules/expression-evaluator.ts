import type { ExpressionNode } from "./expression-parser.js";
import { compileRe2Pattern } from "./re2-pattern.js";

/** A value during evaluation: as in GitLab, strings, null, booleans and compiled patterns. */
export type ExpressionValue = string | boolean | null | RegExp;

/** What an expression is evaluated against. Unknown variables are null. */
export type ExpressionScope = {
  variables: Readonly<Record<string, string>>;
  /** `$[[ inputs.NAME ]]` values, for expressions that use spec inputs. */
  inputs?: Readonly<Record<string, string>>;
};

/** An expression's value, and the problems met on the way (e.g. a variable holding a bad pattern). */
export type Evaluation = { value: ExpressionValue; problems: string[] };

/**
 * Evaluates a parsed expression with GitLab's (Ruby's) semantics: `&&` / `||` return one of their
 * operands (only null and false are falsy there), comparisons return booleans.
 * @example evaluateExpression(ast, { variables: { CI_COMMIT_BRANCH: "main" } }).value
 */
export function evaluateExpression(node: ExpressionNode, scope: ExpressionScope): Evaluation {
  const problems: string[] = [];
  return { value: evaluate(node, scope, problems), problems };
}

/**
 * Whether a value counts as true for `rules:if` (Rails' `present?`): not null, not false, not an
 * empty or blank string.
 */
export function isPresent(value: ExpressionValue): boolean {
  if (value === null || value === false) return false;
  if (typeof value === "string") return /\S/.test(value);
  return true;
}

function evaluate(
  node: ExpressionNode,
  scope: ExpressionScope,
  problems: string[],
): ExpressionValue {
  switch (node.kind) {
    case "variable":
      return scope.variables[node.name] ?? null;
    case "input":
      return scope.inputs?.[node.name] ?? null;
    case "string":
      return node.value;
    case "null":
      return null;
    case "boolean":
      return node.value;
    case "pattern":
      return pattern(node.source, node.flags, problems);
    case "logical": {
      const left = evaluate(node.left, scope, problems);
      const leftTrue = left !== null && left !== false;
      if (node.operator === "&&") return leftTrue ? evaluate(node.right, scope, problems) : left;
      return leftTrue ? left : evaluate(node.right, scope, problems);
    }
    case "compare": {
      const left = evaluate(node.left, scope, problems);
      const right = evaluate(node.right, scope, problems);
      if (node.operator === "==") return same(left, right);
      if (node.operator === "!=") return !same(left, right);
      const matched = matches(left, right, problems);
      return node.operator === "=~" ? matched : !matched;
    }
  }
}

function same(left: ExpressionValue, right: ExpressionValue): boolean {
  if (left instanceof RegExp || right instanceof RegExp) {
    return left instanceof RegExp && right instanceof RegExp && left.source === right.source;
  }
  return left === right;
}

function pattern(source: string, flags: string, problems: string[]): RegExp | null {
  const compiled = compileRe2Pattern(source, flags);
  if ("regexp" in compiled) return compiled.regexp;
  problems.push(compiled.error);
  return null;
}

// `=~`: a null right side never matches. A string right side that reads as `/pattern/flags`
// (a variable holding a pattern, GitLab 15.0+) is a pattern; any other string (or an invalid
// pattern) is GitLab's fallback, a substring test of the left side in the right.
function matches(left: ExpressionValue, right: ExpressionValue, problems: string[]): boolean {
  if (right === null || right === false) return false;
  const text = left === null ? "" : String(left instanceof RegExp ? `/${left.source}/` : left);
  let regexp: RegExp | null = right instanceof RegExp ? right : null;
  if (typeof right === "string") {
    const written = /^\/(.*)\/([ismU]*)$/s.exec(right);
    if (written === null) return right.includes(text);
    const compiled = compileRe2Pattern(written[1]!.replaceAll("\\/", "/"), written[2]!);
    // GitLab falls back to the substring test when the value is not a valid pattern.
    if ("error" in compiled) {
      problems.push(
        `${JSON.stringify(right)} is not a valid pattern (${compiled.error}); GitLab then tests for a substring`,
      );
      return right.includes(text);
    }
    regexp = compiled.regexp;
  }
  if (regexp === null) return String(right).includes(text);
  return regexp.test(text);
}
