import { isPlainObject } from "../templates/is-plain-object.js";

/**
 * `value` without `undefined` object entries, at every depth: in TypeScript `key: undefined`
 * means "not set" (`{ TOKEN: process.env.TOKEN }`), so it is neither an error nor output.
 * Values without any are returned as they are, not copied.
 */
export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(withoutUndefined);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (!isPlainObject(value)) return value;
  let changed = false;
  const entries: [string, unknown][] = [];
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) {
      changed = true;
      continue;
    }
    const cleaned = withoutUndefined(child);
    changed ||= cleaned !== child;
    entries.push([key, cleaned]);
  }
  return changed ? Object.fromEntries(entries) : value;
}
