// Characters that cannot stand unescaped in a YAML line: C0 and C1 controls other than tab
// (including "\r"), U+0085/2028/2029 (line breaks in YAML 1.1, though not in 1.2), the BOM
// (allowed only at the start of a 1.2 stream) and the non-characters U+FFFE/FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const NOT_RAW = /[\x00-\x08\x0A-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/** True when `line` (no line breaks) can be written as is inside a comment or block scalar. */
export function canWriteRaw(line: string): boolean {
  return !NOT_RAW.test(line);
}
