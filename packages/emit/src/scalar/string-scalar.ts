import { doubleQuoted } from "./double-quoted.js";
import { isPlainSafe } from "./plain-scalar.js";
import { canSingleQuote, singleQuoted } from "./single-quoted.js";

/**
 * `s` as a one-line scalar: plain where safe, else single-quoted (readable, no escapes), else
 * double-quoted. `flow` is for items of a flow sequence such as `!reference [a, b]`.
 */
export function stringScalar(s: string, flow: boolean): string {
  if (isPlainSafe(s, flow)) return s;
  // A string with its own single quotes reads better in double quotes than with '' doubling.
  if (!s.includes("'") && canSingleQuote(s)) return singleQuoted(s);
  return doubleQuoted(s);
}
