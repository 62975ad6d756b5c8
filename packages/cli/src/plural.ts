/** `1 error`, `2 errors`: a count with its noun, plural when the count is not one. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
