import type { YamlValue } from "./yaml-value.js";

// A registered symbol, so that values built by another copy of this package (two versions in
// one node_modules tree) are still recognised.
const TAG = Symbol.for("pipecraft.yamlTag");

/** A value written with a local YAML tag, e.g. `!reference [.setup, script]`. */
export interface TaggedValue {
  readonly [TAG]: true;
  readonly tag: string;
  readonly value: YamlValue;
}

// Local (`!name`) and secondary (`!!name`) tags in a form every reader accepts without a
// %TAG directive; anything fancier is almost certainly a mistake in a target.
const TAG_NAME = /^!!?[A-Za-z][A-Za-z0-9_.-]*$/;

/** Wraps `value` so that it is written with the YAML tag `tag` (e.g. `"!reference"`). */
export function yamlTag(tag: string, value: YamlValue): TaggedValue {
  if (!TAG_NAME.test(tag)) {
    throw new TypeError(`yamlTag: ${JSON.stringify(tag)} is not a local tag such as "!reference"`);
  }
  return Object.freeze({ [TAG]: true as const, tag, value });
}

/** True when `x` was made by `yamlTag`. */
export function isTaggedValue(x: unknown): x is TaggedValue {
  return typeof x === "object" && x !== null && (x as { [TAG]?: unknown })[TAG] === true;
}
