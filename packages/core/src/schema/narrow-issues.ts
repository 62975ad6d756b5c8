import type { z } from "zod";

type Issue = z.core.$ZodIssue;

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
function expectedKinds(branches: readonly (readonly Issue[])[]): string[] {
  const kinds = branches.flatMap((branch) =>
    branch.flatMap((issue): string[] => {
      if (issue.code === "invalid_type") return [issue.expected];
      if (issue.code === "invalid_union") return expectedKinds(issue.errors);
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
      const kinds = expectedKinds(branches);
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
