// Characters a terminal acts on instead of showing: C0 controls (ESC starts colour and cursor
// sequences, CR overwrites the line), DEL, C1 controls (U+009B is an 8-bit CSI), the Unicode line
// and paragraph separators, and the bidirectional marks, overrides and isolates that reorder what
// is shown (U+202E). JSON.stringify escapes only the C0 ones.
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x61c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

// Everything but printable ASCII; most of it (letters of other scripts) is kept as it is.
const NOT_PRINTABLE_ASCII = /[^ -~]/g;

const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `text` with every character a terminal would act on written as an escape (`\n`, `\u001b`), so
 * that a user's value inside a message can neither forge output nor hide part of it.
 * @example escapeControlCharacters("a\u001b[2Jb") // "a\\u001b[2Jb"
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(NOT_PRINTABLE_ASCII, (character) => {
    const code = character.charCodeAt(0);
    if (!isUnsafe(code)) return character;
    return SHORT[character] ?? `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
