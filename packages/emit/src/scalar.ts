// How one scalar is written: which style a string takes (plain, single- or double-quoted, a
// literal block), and numbers in the form every YAML 1.1 and 1.2 reader reads back the same.
// When a string may stay plain is its own file, plain-scalar.ts.
import { isPlainSafe } from "./plain-scalar.js";

// Characters that cannot stand unescaped in a YAML line: C0 and C1 controls other than tab
// (including "\r"), U+0085/2028/2029 (line breaks in YAML 1.1, though not in 1.2), the BOM
// (allowed only at the start of a 1.2 stream) and the non-characters U+FFFE/FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const NOT_RAW = /[\x00-\x08\x0A-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/** True when `line` (no line breaks) can be written as is inside a comment or block scalar. */
export function canWriteRaw(line: string): boolean {
  return !NOT_RAW.test(line);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` has half of a surrogate pair, which no UTF-8 file can hold. */
export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

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

// Single-quoted scalars have no escapes, so they can only hold characters that are printable
// in both YAML versions and are not line breaks (a break inside quotes is folded to a space).
// Tabs are left to double quotes, where they are visible as \t.
const SINGLE_QUOTABLE =
  /^[\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** True when `s` can be written as a single-quoted scalar. */
function canSingleQuote(s: string): boolean {
  return SINGLE_QUOTABLE.test(s);
}

/** `s` as a single-quoted scalar; the caller checks `canSingleQuote` first. */
function singleQuoted(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

// Everything a double-quoted scalar must escape: quote and backslash, C0 and C1 controls
// (U+0085 is a line break in YAML 1.1), U+2028/2029 (line breaks in 1.1), the BOM (not allowed
// inside a 1.2 document) and the non-characters U+FFFE/FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const NEEDS_ESCAPE = /["\\\x00-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/g;

const NAMED: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
};

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** `s` as a double-quoted scalar on one line; represents any string without lone surrogates. */
export function doubleQuoted(s: string): string {
  return `"${s.replace(NEEDS_ESCAPE, escapeChar)}"`;
}

const NOT_BLANK = /[^ \t]/;

/**
 * `s` as a literal block scalar (header line and content lines, each ending in "\n") with
 * content at `indent`, two columns right of its parent; undefined when a block can't hold it.
 */
export function literalBlock(s: string, indent: string): string | undefined {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  // Only line breaks: a block would be all trailing lines, which chomping handles unevenly.
  if (end === 0) return undefined;
  const trailingBreaks = s.length - end;
  // Chomping keeps trailing line breaks exactly: strip none, clip one, keep all.
  const chomping = trailingBreaks === 0 ? "-" : trailingBreaks === 1 ? "" : "+";
  const lines = s.slice(0, end).split("\n");
  // A literal block has no escapes: what it can't hold raw needs double quotes.
  if (!lines.every(canWriteRaw)) return undefined;
  // Readers disagree on a block of blank lines only: the `yaml` package drops their spaces.
  if (!lines.some((line) => NOT_BLANK.test(line))) return undefined;
  // Readers guess the indentation from the first non-empty line. If that line starts with a
  // space the guess would swallow it, and libyaml (GitLab's parser) rejects a tab there, so
  // in both cases the indentation is given explicitly.
  const first = (lines.find((line) => line !== "") ?? "").charCodeAt(0);
  const indicator = first === 32 || first === 9 ? "2" : "";
  // With an indicator, the `yaml` package reads a blank last line no deeper than the first
  // line's own leading spaces as trailing (and drops it); GitLab scripts never need that.
  if (indicator !== "" && !NOT_BLANK.test(lines[lines.length - 1]!)) return undefined;
  let out = `|${indicator}${chomping}\n`;
  for (const line of lines) out += line === "" ? "\n" : `${indent}${line}\n`;
  if (trailingBreaks > 1) out += "\n".repeat(trailingBreaks - 1);
  return out;
}

/** `n` as a YAML number that YAML 1.1 and 1.2 readers both parse back to the same double. */
export function numberScalar(n: number): string {
  if (Number.isNaN(n)) return ".nan";
  if (n === Number.POSITIVE_INFINITY) return ".inf";
  if (n === Number.NEGATIVE_INFINITY) return "-.inf";
  // "-0" would be read as the integer 0; the float form keeps the sign.
  if (Object.is(n, -0)) return "-0.0";
  const s = String(n);
  // YAML 1.1's float pattern requires a "." ("1e+21" would be a string there).
  const e = s.indexOf("e");
  if (e !== -1 && !s.slice(0, e).includes(".")) return `${s.slice(0, e)}.0${s.slice(e)}`;
  return s;
}
