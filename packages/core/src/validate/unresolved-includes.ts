import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { isPlainObject } from "../templates/is-plain-object.js";

// What an include can provide: jobs, templates, stages, top-level keywords. A problem that only
// says "this name is not here" may be answered by a file pipecraft does not read.
const MAYBE_PROVIDED: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  "jobs/none",
  "extends/unknown-base",
  "needs/unknown-job",
  "dependencies/unknown-job",
  "reference/not-found",
  "stages/undeclared",
  "script/missing",
  "environment/unknown-stop-job",
]);

/**
 * The kinds of `include` entries that validation does not read (all of them: `template`,
 * `project`, `remote` and `component` are never fetched, and `local` files are merged only by
 * the GitLab reader), or an empty list when there is no `include`.
 */
export function unresolvedIncludeKinds(include: unknown): string[] {
  if (include === undefined || include === null) return [];
  const entries = Array.isArray(include) ? include : [include];
  const kinds = entries.map((entry) => {
    if (typeof entry === "string") return /^https?:\/\//.test(entry) ? "remote" : "local";
    if (!isPlainObject(entry)) return "include";
    return (
      ["local", "template", "project", "remote", "component"].find((kind) => kind in entry) ??
      "include"
    );
  });
  return [...new Set(kinds)];
}

/**
 * With includes that are not resolved, "no such name" problems become warnings that say so:
 * GitLab merges those files first, and the name may well be there.
 */
export function downgradeForIncludes(
  diagnostics: readonly Diagnostic[],
  kinds: readonly string[],
): Diagnostic[] {
  if (kinds.length === 0) return [...diagnostics];
  const which = kinds.map((kind) => `${kind}`).join(", ");
  return diagnostics.map((diagnostic) =>
    diagnostic.severity === "error" && MAYBE_PROVIDED.has(diagnostic.code)
      ? {
          ...diagnostic,
          severity: "warning",
          message: `${diagnostic.message} (unless an unresolved include (${which}) provides it)`,
        }
      : diagnostic,
  );
}
