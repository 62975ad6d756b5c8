import type { TaggedValue } from "@pipecraft/emit";

/**
 * `T` with every array and object accepted in its readonly form too, so that values declared
 * `as const` (or typed readonly by a template library) can be passed where the model is written.
 * Readonly arrays are supertypes of mutable ones: mutable values still fit.
 */
export type ReadonlyInput<T> = T extends TaggedValue | string
  ? T
  : T extends readonly (infer Element)[]
    ? readonly ReadonlyInput<Element>[]
    : T extends object
      ? { readonly [Key in keyof T]: ReadonlyInput<T[Key]> }
      : T;
