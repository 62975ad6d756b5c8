import { z } from "zod";
import { describeExpected, describeValue, isSecretPath } from "./describe-value.js";
import { didYouMean } from "./did-you-mean.js";

/** Separates the per-key messages of one `unrecognized_keys` issue (split again by the caller). */
export const KEY_MESSAGE_SEPARATOR = "\n";

/**
 * A zod error map that words every issue the way pipecraft's diagnostics read: what was
 * expected, what was found, and a "did you mean" where a name was misspelt. Messages that the
 * schema sets itself (refinements, custom checks) win over this map, as zod ranks them first.
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  // Under `secrets`, a value is never shown: it may be a token pasted in place of a reference.
  const secret = isSecretPath(issue.path);
  const describe = (value: unknown) => describeValue(value, secret);
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `missing; expected ${describeExpected(issue.expected)}`
        : `expected ${describeExpected(issue.expected)}, got ${describe(issue.input)}`;
    case "unrecognized_keys": {
      const known = issue.inst instanceof z.ZodObject ? Object.keys(issue.inst.shape) : [];
      return issue.keys
        .map((key) => `unknown keyword ${JSON.stringify(key)}${didYouMean(key, known)}`)
        .join(KEY_MESSAGE_SEPARATOR);
    }
    case "invalid_value":
      return invalidValueMessage(issue.values, issue.input, describe, secret);
    case "too_big":
      return sizeMessage(
        "at most",
        issue.origin,
        issue.maximum,
        issue.inclusive,
        issue.input,
        describe,
      );
    case "too_small":
      return issue.minimum === 1 && (issue.origin === "string" || issue.origin === "array")
        ? "must not be empty"
        : sizeMessage(
            "at least",
            issue.origin,
            issue.minimum,
            issue.inclusive,
            issue.input,
            describe,
          );
    case "invalid_format":
      return issue.format === "regex" && typeof issue.pattern === "string"
        ? `${describe(issue.input)} does not match ${issue.pattern}`
        : `${describe(issue.input)} is not a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}, got ${describe(issue.input)}`;
    case "invalid_key":
      return "invalid name";
    case "invalid_union":
      return `unexpected ${describe(issue.input)}`;
    default:
      return undefined;
  }
}

function invalidValueMessage(
  values: readonly unknown[],
  input: unknown,
  describe: (value: unknown) => string,
  secret: boolean,
): string {
  const shown = values.map((value) => JSON.stringify(value));
  const expected = shown.length === 1 ? shown[0] : `one of ${shown.join(", ")}`;
  const strings = values.filter((value): value is string => typeof value === "string");
  // A suggestion close to a secret value would give part of it away.
  const hint = typeof input === "string" && !secret ? didYouMean(input, strings) : "";
  return `expected ${expected}, got ${describe(input)}${hint}`;
}

function sizeMessage(
  bound: "at most" | "at least",
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
  input: unknown,
  describe: (value: unknown) => string,
): string {
  switch (origin) {
    case "array":
    case "set":
      return `must have ${bound} ${limit} entries, got ${Array.isArray(input) ? input.length : describe(input)}`;
    case "string":
      return `must be ${bound} ${limit} characters long, got ${typeof input === "string" ? input.length : describe(input)}`;
    default: {
      // Exclusive bounds come from .lt()/.gt(): "less than 5" says it exactly.
      const comparison =
        inclusive === false ? (bound === "at most" ? "less than" : "greater than") : bound;
      return `must be ${comparison} ${limit}, got ${describe(input)}`;
    }
  }
}
