import { isTaggedValue, type TaggedValue } from "@pipecraft/emit";

/**
 * `value` unless it is an unresolved `!reference`. The target reads expanded pipelines, where
 * validation has resolved every reference; the types still allow them.
 */
export function plainValue<T>(
  value: T | TaggedValue | undefined,
): Exclude<T, TaggedValue> | undefined {
  return value === undefined || isTaggedValue(value)
    ? undefined
    : (value as Exclude<T, TaggedValue>);
}
