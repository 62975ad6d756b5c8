import { isPlainObject } from "../templates/is-plain-object.js";

/**
 * `value` without `undefined` object entries, at every depth: in TypeScript `key: undefined`
 * means "not set" (`{ TOKEN: process.env.TOKEN }`), so it is neither an error nor output.
 * Values without any are returned as they are, not copied.
 */
export function withoutUndefined(value: unknown): unknown {
  // A read-only scan first: the common case (nothing to drop) allocates nothing.
  return hasUndefinedEntry(value) ? copyWithoutUndefined(value) : value;
}

function hasUndefinedEntry(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasUndefinedEntry(item)) return true;
    return false;
  }
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    const child = value[key];
    if (child === undefined || hasUndefinedEntry(child)) return true;
  }
  return false;
}

function copyWithoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([key, child]) => [key, withoutUndefined(child)]),
  );
}
