import { isTaggedValue } from "@pipecraft/emit";
import type { z } from "zod";
import { type Diagnostic, error, warning } from "../diagnostics/diagnostic.js";
import { formatPath, type PathSegment } from "../diagnostics/path.js";
import type { jobRuleSchema } from "../schema/rules.js";
import { expandVariables } from "./expand-variables.js";
import { evaluateExpression, isPresent } from "./expression-evaluator.js";
import {
  type ExpressionNode,
  expressionErrorCode,
  expressionErrorMessage,
  parseExpression,
} from "./expression-parser.js";
import { globRegExp, RULES_GLOB } from "./fnmatch.js";
import type { SelectionInput, VariableMap } from "./selection-input.js";

type JobRule = z.output<typeof jobRuleSchema>;
/** The conditions of a rule (`if`, `changes`, `exists`), as jobs, `workflow` and `include` write them. */
export type RuleConditions = Pick<Exclude<JobRule, { tag: string }>, "if" | "changes" | "exists">;

// GitLab stops comparing after this many glob/path pairs and assumes a match.
const EXISTS_MAX_COMPARISONS = 10_000;
const CHANGES_MAX_COMPARISONS = 50_000;
// The pipeline sources for which GitLab knows a diff; for any other, `changes` is true.
const DIFF_SOURCES: ReadonlySet<string> = new Set([
  "push",
  "merge_request_event",
  "external_pull_request_event",
]);
const NEW_BRANCH_SHA = /^0{40}$/;

/** Shared by every rule of one selection: the inputs, where problems go, parsed expressions. */
export class ConditionContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly parsed = new Map<string, ReturnType<typeof parseExpression>>();
  private readonly reported = new Set<string>();

  constructor(readonly input: SelectionInput) {}

  /** Adds a diagnostic once, however many jobs (or matrix instances) meet it. */
  report(diagnostic: Diagnostic): void {
    const key = `${diagnostic.path}\n${diagnostic.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(diagnostic);
  }

  /** `if:` (or an `only:variables` entry) as a condition: true when its value is present. */
  expressionHolds(text: string, variables: VariableMap, path: readonly PathSegment[]): boolean {
    let parsed = this.parsed.get(text);
    if (parsed === undefined) {
      parsed = parseExpression(text);
      this.parsed.set(text, parsed);
    }
    if ("error" in parsed) {
      this.report(
        error(
          expressionErrorCode(parsed.error),
          formatPath(path),
          expressionErrorMessage(text, parsed.error),
        ),
      );
      return false;
    }
    return this.holds(parsed.ast, variables, path);
  }

  private holds(ast: ExpressionNode, variables: VariableMap, path: readonly PathSegment[]) {
    const { value, problems } = evaluateExpression(ast, { variables, inputs: this.input.inputs });
    for (const problem of problems)
      this.report(warning("rules/evaluation-problem", formatPath(path), problem));
    return isPresent(value);
  }
}

/**
 * Whether every condition of a rule holds (GitLab: all clauses must be satisfied; a rule with
 * none matches).
 */
export function conditionsHold(
  rule: RuleConditions,
  variables: VariableMap,
  context: ConditionContext,
  path: readonly PathSegment[],
): boolean {
  if (rule.if !== undefined && !context.expressionHolds(rule.if, variables, [...path, "if"])) {
    return false;
  }
  if (rule.changes !== undefined && !changesHold(rule.changes, variables, context, path)) {
    return false;
  }
  if (rule.exists !== undefined && !existsHolds(rule.exists, variables, context, path)) {
    return false;
  }
  return true;
}

function changesHold(
  changes: NonNullable<RuleConditions["changes"]>,
  variables: VariableMap,
  context: ConditionContext,
  path: readonly PathSegment[],
): boolean {
  const where = formatPath([...path, "changes"]);
  if (isTaggedValue(changes)) {
    context.report(
      error(
        "rules/unresolved-reference",
        where,
        "unresolved !reference; rules:changes is treated as false",
      ),
    );
    return false;
  }
  const clause = Array.isArray(changes) ? { paths: changes } : changes;
  const changed = changedFiles(clause.compare_to, variables, context, where);
  if (changed === undefined) return true;
  if (clause.regexp !== undefined) {
    return regexpMatchesAny(clause.regexp, variables, changed, context, where);
  }
  const globs = [...new Set((clause.paths ?? []).map((glob) => expand(glob, variables)))];
  if (changed.length === 0 || globs.length === 0) return false;
  if (changed.length * globs.length > CHANGES_MAX_COMPARISONS) return true;
  return globsMatchAny(globs, changed);
}

// The files `changes` compares against, or undefined when GitLab would have no diff (the clause
// is then true): a pipeline source without a diff, a new branch, or an unknown list.
function changedFiles(
  compareTo: string | undefined,
  variables: VariableMap,
  context: ConditionContext,
  where: string,
): readonly string[] | undefined {
  if (compareTo !== undefined) {
    const ref = expand(compareTo, variables);
    const files = context.input.changedFilesSince?.[ref];
    if (files === undefined) {
      context.report(
        warning(
          "rules/unknown-condition",
          where,
          `the files changed since ${JSON.stringify(ref)} are not known; rules:changes is treated as true`,
        ),
      );
    }
    return files;
  }
  if (!DIFF_SOURCES.has(variables.CI_PIPELINE_SOURCE ?? "push")) return undefined;
  if (NEW_BRANCH_SHA.test(variables.CI_COMMIT_BEFORE_SHA ?? "")) return undefined;
  return context.input.changedFiles;
}

function existsHolds(
  exists: NonNullable<RuleConditions["exists"]>,
  variables: VariableMap,
  context: ConditionContext,
  path: readonly PathSegment[],
): boolean {
  const where = formatPath([...path, "exists"]);
  if (isTaggedValue(exists)) {
    context.report(
      error(
        "rules/unresolved-reference",
        where,
        "unresolved !reference; rules:exists is treated as false",
      ),
    );
    return false;
  }
  const clause = Array.isArray(exists) ? { paths: exists } : exists;
  const files = existingFiles(clause, variables, context, where);
  if (files === undefined) return false;
  if (clause.regexp !== undefined) {
    return regexpMatchesAny(clause.regexp, variables, files, context, where);
  }
  const globs = (clause.paths ?? []).map((glob) => expand(glob, variables));
  if (files.length * globs.length > EXISTS_MAX_COMPARISONS) return true;
  return globsMatchAny(globs, files);
}

function existingFiles(
  clause: { project?: string; ref?: string },
  variables: VariableMap,
  context: ConditionContext,
  where: string,
): readonly string[] | undefined {
  if (clause.project === undefined) {
    if (context.input.files === undefined) {
      context.report(
        warning(
          "rules/unknown-condition",
          where,
          "no file list was given; rules:exists is treated as false",
        ),
      );
    }
    return context.input.files;
  }
  const project = expand(clause.project, variables);
  const key = clause.ref === undefined ? project : `${project}@${expand(clause.ref, variables)}`;
  const files = context.input.projectFiles?.[key];
  if (files === undefined) {
    context.report(
      warning(
        "rules/unknown-condition",
        where,
        `the files of ${JSON.stringify(key)} are not known; rules:exists is treated as false`,
      ),
    );
  }
  return files;
}

function expand(text: string, variables: VariableMap): string {
  return expandVariables(text, variables, true);
}

function globsMatchAny(globs: readonly string[], files: readonly string[]): boolean {
  return globs.some((glob) => {
    const regexp = globRegExp(glob, RULES_GLOB);
    return files.some((file) => regexp.test(file));
  });
}

// `changes:regexp` / `exists:regexp` are Ruby regexps on GitLab, close to JavaScript's.
function regexpMatchesAny(
  source: string,
  variables: VariableMap,
  files: readonly string[],
  context: ConditionContext,
  where: string,
): boolean {
  const expanded = expand(source, variables);
  let regexp: RegExp;
  try {
    regexp = new RegExp(expanded);
  } catch {
    context.report(
      error(
        "rules/invalid-regexp",
        `${where}.regexp`,
        `invalid regular expression ${JSON.stringify(expanded)}`,
      ),
    );
    return false;
  }
  return files.some((file) => regexp.test(file));
}
