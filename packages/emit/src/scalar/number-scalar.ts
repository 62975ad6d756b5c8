/** `n` as a YAML number that YAML 1.1 and 1.2 readers both parse back to the same double. */
export function numberScalar(n: number): string {
  if (Number.isNaN(n)) return ".nan";
  if (n === Number.POSITIVE_INFINITY) return ".inf";
  if (n === Number.NEGATIVE_INFINITY) return "-.inf";
  // "-0" would be read as the integer 0; the float form keeps the sign.
  if (Object.is(n, -0)) return "-0.0";
  const s = String(n);
  // YAML 1.1's float pattern requires a "." ("1e+21" would be a string there).
  const e = s.indexOf("e");
  if (e !== -1 && !s.slice(0, e).includes(".")) return `${s.slice(0, e)}.0${s.slice(e)}`;
  return s;
}
