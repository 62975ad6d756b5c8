import { isTaggedValue } from "@pipecraft/emit";

/**
 * True for a map that `extends` merges key by key: a plain object, not an array and not a
 * `!reference` tag (a tag is a single value that replaces, as in GitLab, where tags are
 * resolved only after `extends`).
 */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (isTaggedValue(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
