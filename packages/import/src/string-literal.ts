// TypeScript string and template literals for any string, escaped as a formatter leaves them.

/**
 * `value` as a string literal: double quotes unless the text holds more double than single
 * quotes (the quote that needs fewer escapes, as biome and prettier choose).
 */
export function stringLiteral(value: string): string {
  let doubles = 0;
  let singles = 0;
  for (const char of value) {
    if (char === '"') doubles++;
    else if (char === "'") singles++;
  }
  const quote = doubles > singles ? "'" : '"';
  let text = "";
  for (const char of value) {
    if (char === quote || char === "\\") text += `\\${char}`;
    else text += escapedControl(char) ?? char;
  }
  return `${quote}${text}${quote}`;
}

/**
 * `value` as a template literal with its line breaks kept as written, for multi-line scripts:
 * backslashes, backticks and `${` are escaped, and so are control characters other than the line
 * feed (a carriage return in a template literal would read back as a line feed).
 */
export function templateLiteral(value: string): string {
  let text = "";
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    if (char === "\\" || char === "`") text += `\\${char}`;
    else if (char === "$" && value[index + 1] === "{") text += "\\$";
    else if (char === "\n") text += char;
    else text += escapedControl(char) ?? char;
  }
  return `\`${text}\``;
}

const NAMED: Readonly<Record<string, string>> = {
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

// Control characters (and the line and paragraph separators) written as escapes, so that the
// file shows what the string holds. A tab is escaped too: it is invisible in a string.
function escapedControl(char: string): string | undefined {
  const code = char.codePointAt(0)!;
  if (code >= 0x20 && code !== 0x7f && code !== 0x2028 && code !== 0x2029) return undefined;
  return NAMED[char] ?? `\\u${code.toString(16).padStart(4, "0")}`;
}
