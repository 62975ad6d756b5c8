import { z } from "zod";

/**
 * How deep GitLab flattens nested lists in `script` and the other command lists ("a nested array
 * of strings up to 10 levels deep"). YAML anchors (`- *setup`) and `!reference` produce them.
 */
export const MAX_NESTED_LIST_LEVELS = 10;

/** An entry of a list GitLab flattens: an item, or a list of such entries. */
export type NestedEntry<T> = T | NestedEntry<T>[];

/**
 * A list of `item`s in which entries may be lists themselves, up to `levels` deep in all,
 * which GitLab flattens before it reads them.
 */
export function nestedListSchema<T extends z.ZodType>(
  item: T,
  levels: number = MAX_NESTED_LIST_LEVELS,
): z.ZodType<NestedEntry<z.output<T>>[], NestedEntry<z.input<T>>[]> {
  let entry: z.ZodType = item;
  for (let level = 1; level < levels; level++) entry = z.union([item, z.array(entry)]);
  // The loop builds exactly NestedEntry<T> cut at `levels`; zod cannot infer a loop's type.
  return z.array(entry) as unknown as z.ZodType<
    NestedEntry<z.output<T>>[],
    NestedEntry<z.input<T>>[]
  >;
}

/** The items of a nested list, in order, as GitLab flattens it. */
export function flatList<T>(list: readonly NestedEntry<T>[]): T[] {
  return list.flat(MAX_NESTED_LIST_LEVELS) as T[];
}
