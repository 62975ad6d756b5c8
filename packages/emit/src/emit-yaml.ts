import { headerComment } from "./header-comment.js";
import { writeDocument, writeMemo } from "./write-document.js";
import type { YamlValue } from "./yaml-value.js";

/** Options shared by `emitYaml` and `emitYamlDocuments`. */
export interface EmitOptions {
  /** Lines written as `# ...` comments before the first document. */
  readonly headerComment?: readonly string[];
}

/** One YAML document for `value`: block style, insertion key order, minimal quoting. */
export function emitYaml(value: YamlValue, options: EmitOptions = {}): string {
  return headerComment(options.headerComment ?? []) + writeDocument(value);
}

/** Several YAML documents, separated by `---` lines, after an optional header comment. */
export function emitYamlDocuments(values: readonly YamlValue[], options: EmitOptions = {}): string {
  let out = headerComment(options.headerComment ?? []);
  const memo = writeMemo();
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += "---\n";
    out += writeDocument(values[i], memo);
  }
  return out;
}
