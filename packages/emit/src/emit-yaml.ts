import { headerComment } from "./header-comment.js";
import { isTaggedValue } from "./tagged-value.js";
import { type WriteMemo, writeDocument, writeMemo } from "./write-document.js";
import type { YamlValue } from "./yaml-value.js";

/** Options shared by `emitYaml` and `emitYamlDocuments`. */
export interface EmitOptions {
  /** Lines written as `# ...` comments before the first document. */
  readonly headerComment?: readonly string[];
  /**
   * An empty line between the entries of a document's top-level mapping, as hand-written CI
   * files have between jobs. Each entry's own lines are the same either way.
   */
  readonly blankLineBetweenTopLevelKeys?: boolean;
}

/** One YAML document for `value`: block style, insertion key order, minimal quoting. */
export function emitYaml(value: YamlValue, options: EmitOptions = {}): string {
  return headerComment(options.headerComment ?? []) + writeSpaced(value, writeMemo(), options);
}

/** Several YAML documents, separated by `---` lines, after an optional header comment. */
export function emitYamlDocuments(values: readonly YamlValue[], options: EmitOptions = {}): string {
  let out = headerComment(options.headerComment ?? []);
  const memo = writeMemo();
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += "---\n";
    out += writeSpaced(values[i] as YamlValue, memo, options);
  }
  return out;
}

// A top-level mapping written entry by entry, each as the one-key mapping it is a part of (the
// same bytes as in the whole), with an empty line between them.
function writeSpaced(value: YamlValue, memo: WriteMemo, options: EmitOptions): string {
  if (
    options.blankLineBetweenTopLevelKeys !== true ||
    typeof value !== "object" ||
    value === null ||
    Array.isArray(value) ||
    isTaggedValue(value) ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    return writeDocument(value, memo);
  }
  const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
  if (entries.length === 0) return writeDocument(value, memo);
  let out = "";
  let previous: string | undefined;
  for (const [key, entry] of entries) {
    const text = writeDocument({ [key]: entry }, memo);
    // A keep-chomped block scalar (`|+`) would take the empty line as part of its value: no
    // empty line after an entry that holds one.
    out += previous === undefined || keepsTrailingLines(previous) ? text : `\n${text}`;
    previous = text;
  }
  return out;
}

// Conservative: any line ending in a `|+` header (also in a plain scalar that merely looks like
// one) counts, so an empty line is never added where a reader could take it as content.
function keepsTrailingLines(text: string): boolean {
  return /\|[0-9]?\+$/m.test(text);
}
