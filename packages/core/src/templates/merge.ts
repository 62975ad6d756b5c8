import type { JobInput } from "../schema/index.js";
import { isPlainObject } from "./is-plain-object.js";

// Type-level mirror of `mergeTwo`: maps merge key by key, anything else is replaced. Arrays and
// functions are not maps even though they are objects.
type IsMap<T> = T extends readonly unknown[]
  ? false
  : T extends (...args: never[]) => unknown
    ? false
    : T extends object
      ? true
      : false;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

// An optional override key may be absent (or `undefined`, which merge skips), so the base value
// survives in that case.
type MergeValue<A, B> = undefined extends B
  ? A | MergeTwo<A, Exclude<B, undefined>>
  : MergeTwo<A, B>;

/** The type of `merge(a, b)`. */
export type MergeTwo<A, B> =
  IsMap<A> extends true
    ? IsMap<B> extends true
      ? Simplify<
          { [K in keyof A as K extends keyof B ? never : K]: A[K] } & {
            [K in keyof B]: K extends keyof A ? MergeValue<A[K], B[K]> : B[K];
          }
        >
      : B
    : B;

/** The type of `merge(...objects)`: a left fold of `MergeTwo`. */
export type Merged<T extends readonly unknown[], Acc = Record<never, never>> = T extends readonly [
  infer Head,
  ...infer Rest,
]
  ? Merged<Rest, MergeTwo<Acc, Head>>
  : Acc;

/**
 * Deep-merges objects the way GitLab's `extends` does: maps are merged key by key, arrays and
 * scalars are replaced, later objects win, `null` replaces (GitLab's way to drop an inherited
 * keyword) and `undefined` is skipped (an absent optional key). Inputs are never mutated.
 */
export function merge<T extends readonly object[]>(...objects: T): Merged<T> {
  let result: Readonly<Record<string, unknown>> = {};
  for (const object of objects) result = mergeTwo(result, object as Record<string, unknown>);
  return result as Merged<T>;
}

/**
 * A new job built from `base` with `overrides` applied in order, with GitLab `extends` semantics
 * (see `merge`): the typed, definition-time counterpart of `extends: [".base"]`.
 * @example extend(nodeTemplate, { stage: "test", script: ["npm test"] })
 */
export function extend<const B extends JobInput, const O extends readonly JobInput[]>(
  base: B,
  ...overrides: O
): Merged<[B, ...O]> {
  return merge(base, ...overrides) as Merged<[B, ...O]>;
}

function mergeTwo(
  base: Readonly<Record<string, unknown>>,
  override: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  // A Map, then Object.fromEntries: plain assignment would treat a key named "__proto__" (say, a
  // variable) as the prototype setter instead of data. Inherited keys keep their position.
  const entries = new Map(Object.entries(base));
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = entries.get(key);
    entries.set(
      key,
      isPlainObject(current) && isPlainObject(value) ? mergeTwo(current, value) : value,
    );
  }
  return Object.fromEntries(entries);
}
