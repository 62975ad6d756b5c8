// Single-quoted scalars have no escapes, so they can only hold characters that are printable
// in both YAML versions and are not line breaks (a break inside quotes is folded to a space).
// Tabs are left to double quotes, where they are visible as \t.
const SINGLE_QUOTABLE =
  /^[\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** True when `s` can be written as a single-quoted scalar. */
export function canSingleQuote(s: string): boolean {
  return SINGLE_QUOTABLE.test(s);
}

/** `s` as a single-quoted scalar; the caller checks `canSingleQuote` first. */
export function singleQuoted(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
