import type { z } from "zod";
import type { DiagnosticCode } from "./codes.js";
import { describeExpected, describeValue, isSecretPath } from "./describe-value.js";
import { type Diagnostic, error } from "./diagnostic.js";
import { KEY_MESSAGE_SEPARATOR } from "./issue-message.js";
import { formatPath, type PathSegment, valueAt } from "./path.js";
import { removedKeywordAt, removedKeywordMessage } from "./removed-keywords.js";

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
      return issue.keys.map((key, i) => {
        // A keyword GitLab removed: say what replaces it rather than "unknown".
        const removed = removedKeywordAt([...path, key]);
        return removed === undefined
          ? error(
              "schema/unknown-key",
              formatPath([...path, key]),
              messages[i] ?? `unknown keyword ${JSON.stringify(key)}`,
            )
          : error("keyword/removed", formatPath([...path, key]), removedKeywordMessage(removed));
      });
    }
    case "invalid_key": {
      // The key's own problems (e.g. a reserved job name) are the message; the path is the key.
      const reasons = issue.issues.map((inner) => inner.message);
      const message = reasons.length > 0 ? reasons.join("; ") : issue.message;
      return [error("schema/invalid-key", formatPath(path), message)];
    }
    case "invalid_union": {
      // Left by narrowIssues only when the value is of no alternative's kind.
      const value = valueAt(input, path.slice(prefix.length));
      const kinds = expectedTypes(issue.errors);
      const wanted = kinds.length > 0 ? joinOr(kinds.map(describeExpected)) : "a !reference";
      const message =
        value === undefined
          ? `missing; expected ${wanted}`
          : `expected ${wanted}, got ${describeValue(value, isSecretPath(path))}`;
      return [error("schema/invalid-type", formatPath(path), message)];
    }
    default:
      return [error(issueCode(issue), formatPath(path), issue.message)];
  }
}

/** The diagnostic code of one of zod's issue kinds (unions and keys are handled above). */
function issueCode(issue: Issue): DiagnosticCode {
  switch (issue.code) {
    case "invalid_type":
    case "invalid_union":
      return "schema/invalid-type";
    case "invalid_value":
    case "invalid_element":
      return "schema/invalid-value";
    case "invalid_format":
      return "schema/invalid-format";
    case "unrecognized_keys":
      return "schema/unknown-key";
    case "invalid_key":
      return "schema/invalid-key";
    case "too_small":
      return "schema/too-small";
    case "too_big":
      return "schema/too-big";
    case "not_multiple_of":
      return "schema/not-multiple-of";
    case "custom":
      return "schema/constraint";
  }
}

// What the user reads: only what each alternative expects of the value itself, without
// `!reference` (accepted almost everywhere; naming it in every message would only distract).
// `unionKinds` below is the fuller list narrowIssues writes into zod's own message.
function expectedTypes(branches: readonly (readonly Issue[])[]): string[] {
  const kinds = branches.flatMap((branch) =>
    branch.flatMap((issue): string[] => {
      if (issue.path.length > 0) return [];
      if (issue.code === "invalid_type") return [issue.expected];
      if (issue.code === "invalid_union") return expectedTypes(issue.errors);
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

// A branch fails "at the root" when the value is of another kind altogether (a string where the
// branch wants an object, a plain value where it wants a `!reference`): not what the user meant.
const isNotReference = (issue: Issue): boolean =>
  issue.code === "custom" && issue.params?.expected === "!reference";
// (A union issue left after narrowing is one where no alternative was of the value's kind.)
const isKindMismatch = (issue: Issue): boolean =>
  issue.path.length === 0 &&
  (issue.code === "invalid_type" || issue.code === "invalid_union" || isNotReference(issue));

const prefixed = (issues: readonly Issue[], path: readonly PropertyKey[]): Issue[] =>
  issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }) as Issue);

/** The types the alternatives of a failed union expect, for a message like "expected string or object". */
function unionKinds(branches: readonly (readonly Issue[])[]): string[] {
  const kinds = branches.flatMap((branch) =>
    branch.flatMap((issue): string[] => {
      if (issue.code === "invalid_type") return [issue.expected];
      if (issue.code === "invalid_union") return unionKinds(issue.errors);
      if (isNotReference(issue)) return ["!reference"];
      return [];
    }),
  );
  return [...new Set(kinds)];
}

/**
 * Replaces each failed union (zod's bare "Invalid input") by the issues of the alternative the
 * value came closest to: the one of the same kind with the fewest issues, earlier ones winning
 * ties (unions list the common form first). Paths are made absolute.
 * @example narrowIssues(jobSchema.safeParse({ image: { nme: "x" } }).error.issues)
 * // → [image.name: expected string…, image: Unrecognized key "nme"]
 */
export function narrowIssues(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
    const branches = issue.errors.map((branch) => narrowIssues(branch));
    const sameKind = branches.filter((branch) => !branch.some(isKindMismatch));
    if (sameKind.length === 0) {
      const kinds = unionKinds(branches);
      const message =
        kinds.length > 0 ? `Invalid input: expected ${kinds.join(" or ")}` : issue.message;
      return [{ ...issue, message, errors: branches } as Issue];
    }
    const closest = sameKind.reduce((best, branch) =>
      branch.length < best.length ? branch : best,
    );
    return prefixed(closest, issue.path);
  });
}
