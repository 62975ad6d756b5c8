// Characters a literal block cannot hold: it has no escapes, "\r" would be read as a line
// break, U+0085/2028/2029 are line breaks in YAML 1.1, and the rest is not printable.
const NOT_LITERAL = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/**
 * `s` as a literal block scalar (header line and content lines, each ending in "\n") with
 * content at `indent`, two columns right of its parent; undefined when a block can't hold it.
 */
export function literalBlock(s: string, indent: string): string | undefined {
  if (NOT_LITERAL.test(s)) return undefined;
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  // Only line breaks: a block would be all trailing lines, which chomping handles unevenly.
  if (end === 0) return undefined;
  const trailingBreaks = s.length - end;
  // Chomping keeps trailing line breaks exactly: strip none, clip one, keep all.
  const chomping = trailingBreaks === 0 ? "-" : trailingBreaks === 1 ? "" : "+";
  const lines = s.slice(0, end).split("\n");
  // Readers guess the indentation from the first non-empty line. If that line starts with a
  // space the guess would swallow it, and libyaml (GitLab's parser) rejects a tab there, so
  // in both cases the indentation is given explicitly.
  const first = (lines.find((line) => line !== "") ?? "").charCodeAt(0);
  const indicator = first === 32 || first === 9 ? "2" : "";
  let out = `|${indicator}${chomping}\n`;
  for (const line of lines) out += line === "" ? "\n" : `${indent}${line}\n`;
  if (trailingBreaks > 1) out += "\n".repeat(trailingBreaks - 1);
  return out;
}
