import { canWriteRaw } from "./raw-text.js";

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
