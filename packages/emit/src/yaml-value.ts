import type { TaggedValue } from "./tagged-value.js";

/** A value the emitter can write: JSON-like data plus local tags such as `!reference`. */
export type YamlValue =
  | string
  | number
  | boolean
  | null
  | TaggedValue
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue | undefined };
