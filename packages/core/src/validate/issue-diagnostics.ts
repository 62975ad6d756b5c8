import type { z } from "zod";
import { type Diagnostic, error } from "../diagnostics.js";
import { narrowIssues } from "../schema/index.js";
import { describeExpected, describeValue, isSecretPath } from "./describe-value.js";
import { formatPath, type PathSegment } from "./format-path.js";
import { KEY_MESSAGE_SEPARATOR } from "./issue-message.js";
import { valueAt } from "./value-at.js";

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues (worded by `issueMessage`) into diagnostics with pipecraft paths: one per
 * unknown key; for a failed union, the problems of the alternative the value came closest to
 * (`narrowIssues`), or "expected X or Y, got Z" when it is of no alternative's kind.
 */
export function issueDiagnostics(
  issues: readonly Issue[],
  input: unknown,
  prefix: readonly PathSegment[] = [],
): Diagnostic[] {
  return narrowIssues(issues).flatMap((issue) =>
    diagnosticsOf(issue, input, [...prefix, ...toSegments(issue.path)], prefix),
  );
}

function diagnosticsOf(
  issue: Issue,
  input: unknown,
  path: PathSegment[],
  prefix: readonly PathSegment[],
): Diagnostic[] {
  switch (issue.code) {
    case "unrecognized_keys": {
      const messages = issue.message.split(KEY_MESSAGE_SEPARATOR);
      return issue.keys.map((key, i) =>
        error(formatPath([...path, key]), messages[i] ?? `unknown keyword ${JSON.stringify(key)}`),
      );
    }
    case "invalid_key": {
      // The key's own problems (e.g. a reserved job name) are the message; the path is the key.
      const reasons = issue.issues.map((inner) => inner.message);
      return [error(formatPath(path), reasons.length > 0 ? reasons.join("; ") : issue.message)];
    }
    case "invalid_union": {
      // Left by narrowIssues only when the value is of no alternative's kind.
      const value = valueAt(input, path.slice(prefix.length));
      const kinds = expectedKinds(issue.errors);
      const wanted = kinds.length > 0 ? joinOr(kinds.map(describeExpected)) : "a !reference";
      const message =
        value === undefined
          ? `missing; expected ${wanted}`
          : `expected ${wanted}, got ${describeValue(value, isSecretPath(path))}`;
      return [error(formatPath(path), message)];
    }
    default:
      return [error(formatPath(path), issue.message)];
  }
}

// A `!reference` is accepted almost everywhere; naming it in every message would only distract.
function expectedKinds(branches: readonly (readonly Issue[])[]): string[] {
  const kinds = branches.flatMap((branch) =>
    branch.flatMap((issue): string[] => {
      if (issue.path.length > 0) return [];
      if (issue.code === "invalid_type") return [issue.expected];
      if (issue.code === "invalid_union") return expectedKinds(issue.errors);
      return [];
    }),
  );
  return [...new Set(kinds)];
}

function joinOr(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function toSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
}
