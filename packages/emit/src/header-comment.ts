import { hasLoneSurrogate } from "./scalar/lone-surrogate.js";

// A comment ends at any line break, and YAML 1.1 also breaks lines at U+0085/2028/2029; other
// control characters are not allowed in a YAML file at all.
const NOT_COMMENT = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/** `lines` as `# ...` comment lines; a line containing "\n" becomes several comment lines. */
export function headerComment(lines: readonly string[]): string {
  let out = "";
  for (const line of lines) {
    for (const part of line.split("\n")) {
      if (NOT_COMMENT.test(part) || hasLoneSurrogate(part)) {
        throw new TypeError(
          `emitYaml: header comment line ${JSON.stringify(part)} has a character a comment cannot hold`,
        );
      }
      out += part === "" ? "#\n" : `# ${part}\n`;
    }
  }
  return out;
}
