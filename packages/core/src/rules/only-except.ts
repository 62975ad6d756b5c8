import { isTaggedValue } from "@pipecraft/emit";
import { error, warning } from "../diagnostics/diagnostic.js";
import { formatPath, type PathSegment } from "../diagnostics/path.js";
import type { Job } from "../schema/index.js";
import { expandVariables } from "./expand-variables.js";
import { globRegExp, ONLY_CHANGES_GLOB } from "./fnmatch.js";
import { type PipelineRef, pipelineRef } from "./pipeline-ref.js";
import { compileRe2Pattern } from "./re2-pattern.js";
import type { ConditionContext } from "./rule-conditions.js";
import type { VariableMap } from "./selection-input.js";

type Filter = NonNullable<Job["only"]>;

// A job with neither `rules` nor `only` (and no `workflow:rules`) runs for branches and tags only.
const DEFAULT_ONLY: Filter = ["branches", "tags"];
const DIFF_SOURCES: ReadonlySet<string> = new Set(["push", "merge_request_event"]);

/**
 * Whether `only`/`except` let a job into the pipeline: every part of `only` holds (refs,
 * variables, changes, kubernetes) and no part of `except` does. Without either (and without
 * `workflow:rules`), GitLab's default `only: [branches, tags]` applies.
 */
export function onlyExceptAdmits(
  job: Pick<Job, "only" | "except">,
  hasWorkflowRules: boolean,
  variables: VariableMap,
  context: ConditionContext,
  path: readonly PathSegment[],
): boolean {
  const except = job.except ?? undefined;
  const only = job.only ?? (except === undefined && !hasWorkflowRules ? DEFAULT_ONLY : undefined);
  const ref = pipelineRef(variables);
  if (only !== undefined) {
    const parts = filterParts(only, variables, ref, context, [...path, "only"]);
    if (!parts.every((holds) => holds())) return false;
  }
  if (except !== undefined) {
    const parts = filterParts(except, variables, ref, context, [...path, "except"]);
    if (parts.some((holds) => holds())) return false;
  }
  return true;
}

function filterParts(
  filter: Filter,
  variables: VariableMap,
  ref: PipelineRef,
  context: ConditionContext,
  path: readonly PathSegment[],
): (() => boolean)[] {
  if (isTaggedValue(filter)) {
    context.report(
      error(
        "rules/unresolved-reference",
        formatPath(path),
        "unresolved !reference; the filter is treated as not matching",
      ),
    );
    return [() => false];
  }
  const spec = Array.isArray(filter) ? { refs: filter } : filter;
  const parts: (() => boolean)[] = [];
  const { refs, variables: expressions, changes, kubernetes } = spec;
  if (refs !== undefined) parts.push(() => refs.some((pattern) => refMatches(pattern, ref)));
  if (expressions !== undefined) {
    parts.push(() =>
      expressions.some((expression, i) =>
        context.expressionHolds(expression, variables, [...path, "variables", i]),
      ),
    );
  }
  if (changes !== undefined) parts.push(() => changesMatch(changes, variables, ref, context));
  if (kubernetes !== undefined) {
    parts.push(() => {
      context.report(
        warning(
          "rules/unknown-condition",
          formatPath([...path, "kubernetes"]),
          "whether a Kubernetes integration is active is not known; treated as inactive",
        ),
      );
      return false;
    });
  }
  return parts;
}

function refMatches(written: string, pipeline: PipelineRef): boolean {
  const at = written.indexOf("@");
  const pattern = at === -1 ? written : written.slice(0, at);
  if (at !== -1 && pipeline.projectPath !== written.slice(at + 1)) return false;
  if (pattern === "tags" && pipeline.tag) return true;
  if (pattern === "branches" && pipeline.branch) return true;
  const source = pipeline.source.replace(/_event$/, "");
  if (pattern === source || pattern === pluralize(source)) return true;
  if (pattern === "merge_requests" && source === "external_merge_request") return true;
  // Names and patterns are compared only for branch and tag pipelines.
  if (!pipeline.branch && !pipeline.tag) return false;
  const regexp = /^\/(.*)\/([ismU]*)$/s.exec(pattern);
  if (regexp !== null) {
    const compiled = compileRe2Pattern(regexp[1]!, regexp[2]!);
    if ("regexp" in compiled) return compiled.regexp.test(pipeline.ref ?? "");
  }
  return pattern === pipeline.ref;
}

// Rails' `pluralize` for the pipeline source names GitLab has.
function pluralize(word: string): string {
  return /(?:s|sh|ch|x)$/.test(word) ? `${word}es` : `${word}s`;
}

// `only:changes` matches with FNM_PATHNAME only (no dot files, no braces) and is true when
// GitLab has no diff: other pipeline sources, a new branch, or an unknown list.
function changesMatch(
  globs: readonly string[],
  variables: VariableMap,
  ref: PipelineRef,
  context: ConditionContext,
): boolean {
  const changed = context.input.changedFiles;
  if (!DIFF_SOURCES.has(ref.source) || changed === undefined) return true;
  if (/^0{40}$/.test(variables.CI_COMMIT_BEFORE_SHA ?? "")) return true;
  const regexps = globs.map((glob) =>
    globRegExp(expandVariables(glob, variables, true), ONLY_CHANGES_GLOB),
  );
  return changed.some((file) => regexps.some((regexp) => regexp.test(file)));
}
