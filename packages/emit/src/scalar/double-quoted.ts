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
