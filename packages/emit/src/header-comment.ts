import { hasLoneSurrogate } from "./scalar/lone-surrogate.js";
import { canWriteRaw } from "./scalar/raw-text.js";

/** `lines` as `# ...` comment lines; a line containing "\n" becomes several comment lines. */
export function headerComment(lines: readonly string[]): string {
  let out = "";
  for (const line of lines) {
    for (const part of line.split("\n")) {
      if (!canWriteRaw(part) || hasLoneSurrogate(part)) {
        throw new TypeError(
          `emitYaml: header comment line ${JSON.stringify(part)} has a character a comment cannot hold`,
        );
      }
      out += part === "" ? "#\n" : `# ${part}\n`;
    }
  }
  return out;
}
