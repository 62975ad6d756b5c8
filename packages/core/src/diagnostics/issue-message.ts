import { z } from "zod";
import { describeExpected, describeValue } from "./describe-value.js";
import { didYouMean } from "./did-you-mean.js";

/** Separates the per-key messages of one `unrecognized_keys` issue (split again by the caller). */
export const KEY_MESSAGE_SEPARATOR = "\n";

/**
 * A zod error map that words every issue the way pipecraft's diagnostics read: what was
 * expected, what was found, and a "did you mean" where a name was misspelt. Messages that the
 * schema sets itself (refinements, custom checks) win over this map, as zod ranks them first.
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `missing; expected ${describeExpected(issue.expected)}`
        : `expected ${describeExpected(issue.expected)}, got ${describeValue(issue.input)}`;
    case "unrecognized_keys": {
      const known = issue.inst instanceof z.ZodObject ? Object.keys(issue.inst.shape) : [];
      return issue.keys
        .map((key) => `unknown keyword ${JSON.stringify(key)}${didYouMean(key, known)}`)
        .join(KEY_MESSAGE_SEPARATOR);
    }
    case "invalid_value":
      return invalidValueMessage(issue.values, issue.input);
    case "too_big":
      return sizeMessage("at most", issue.origin, issue.maximum, issue.inclusive, issue.input);
    case "too_small":
      return issue.minimum === 1 && (issue.origin === "string" || issue.origin === "array")
        ? "must not be empty"
        : sizeMessage("at least", issue.origin, issue.minimum, issue.inclusive, issue.input);
    case "invalid_format":
      return issue.format === "regex" && typeof issue.pattern === "string"
        ? `${describeValue(issue.input)} does not match ${issue.pattern}`
        : `${describeValue(issue.input)} is not a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}, got ${describeValue(issue.input)}`;
    case "invalid_key":
      return "invalid name";
    case "invalid_union":
      return `unexpected ${describeValue(issue.input)}`;
    default:
      return undefined;
  }
}

function invalidValueMessage(values: readonly unknown[], input: unknown): string {
  const shown = values.map((value) => JSON.stringify(value));
  const expected = shown.length === 1 ? shown[0] : `one of ${shown.join(", ")}`;
  const strings = values.filter((value): value is string => typeof value === "string");
  const hint = typeof input === "string" ? didYouMean(input, strings) : "";
  return `expected ${expected}, got ${describeValue(input)}${hint}`;
}

function sizeMessage(
  bound: "at most" | "at least",
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
  input: unknown,
): string {
  switch (origin) {
    case "array":
    case "set":
      return `must have ${bound} ${limit} entries, got ${Array.isArray(input) ? input.length : describeValue(input)}`;
    case "string":
      return `must be ${bound} ${limit} characters long, got ${typeof input === "string" ? input.length : describeValue(input)}`;
    default: {
      // Exclusive bounds come from .lt()/.gt(): "less than 5" says it exactly.
      const comparison =
        inclusive === false ? (bound === "at most" ? "less than" : "greater than") : bound;
      return `must be ${comparison} ${limit}, got ${describeValue(input)}`;
    }
  }
}
