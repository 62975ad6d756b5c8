import type { JobInput, ReadonlyInput } from "../schema/index.js";
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
 * (see `merge`): the typed, definition-time counterpart of `extends: [".base"]`. Values declared
 * `as const` (readonly arrays) fit, as in `pipeline()`.
 * @example extend(nodeTemplate, { stage: "test", script: ["npm test"] })
 */
export function extend<
  const B extends ReadonlyInput<JobInput>,
  const O extends readonly ReadonlyInput<JobInput>[],
>(base: B, ...overrides: O): Merged<[B, ...O]> {
  return merge(base, ...overrides) as Merged<[B, ...O]>;
}

/**
 * What GitLab's `extends` makes of `job`: its bases (each already extended) merged in order,
 * then the job on top, without the `extends` keyword itself.
 */
export function applyExtends<T extends object>(
  bases: readonly object[],
  job: T,
): Omit<T, "extends"> {
  // The first base is not copied on its own: merging the next object into it copies it anyway.
  let result = (bases[0] ?? {}) as Readonly<Record<string, unknown>>;
  for (const base of bases.slice(1)) result = mergeTwo(result, base as Record<string, unknown>);
  return mergeTwo(result, job as Record<string, unknown>, "extends") as Omit<T, "extends">;
}

function mergeTwo(
  base: Readonly<Record<string, unknown>>,
  override: Readonly<Record<string, unknown>>,
  // A key of `override` to leave out (merging it and deleting it after would cost a copy).
  omitted?: string,
): Record<string, unknown> {
  // Spread keeps the inherited keys in place (new keys go last) and, like every copy here,
  // defines properties rather than assigning them, so a key named "__proto__" stays data.
  const result: Record<string, unknown> = { ...base };
  for (const key of Object.keys(override)) {
    const value = override[key];
    if (value === undefined || key === omitted) continue;
    const current = Object.hasOwn(result, key) ? result[key] : undefined;
    const merged =
      isPlainObject(current) && isPlainObject(value) ? mergeTwo(current, value) : value;
    if (key === "__proto__") {
      Object.defineProperty(result, key, {
        value: merged,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      result[key] = merged;
    }
  }
  return result;
}
