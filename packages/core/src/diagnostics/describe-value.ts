import { isTaggedValue } from "@pipecraft/emit";

const MAX_SHOWN = 40;

// Long strings are cut: a message names a value, it does not reprint it.
function shown(text: string): string {
  return JSON.stringify(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
}

/** How a value reads in "expected …, got …": `a list`, `"npm test"`, `500`, `null`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (isTaggedValue(value)) return `a ${value.tag} tag`;
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return shown(value);
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default:
      return "an object";
  }
}

/** How one of zod's expected type names reads: `a list`, `an integer`, `a boolean`. */
export function describeExpected(expected: string): string {
  const names: Readonly<Record<string, string>> = {
    string: "a string",
    number: "a number",
    int: "an integer",
    boolean: "a boolean",
    array: "a list",
    object: "an object",
    record: "an object",
    map: "an object",
    null: "null",
    undefined: "nothing",
  };
  return names[expected] ?? `a ${expected}`;
}

/**
 * A fuller phrase for a value some code produced, where no type was expected and the reader must
 * recognise it: `an object with keys stages, jobs`, `a string "…"`, `a number (3)`, `an array`.
 * Used for what a pipeline file exported or threw.
 */
export function describeFoundValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "string":
      return `a string ${shown(value)}`;
    case "function":
      return "a function";
    case "object": {
      const keys = Object.keys(value);
      if (keys.length === 0) return "an empty object";
      const listed = keys.slice(0, 5).join(", ");
      return `an object with keys ${listed}${keys.length > 5 ? ", …" : ""}`;
    }
    default:
      return `a ${typeof value} (${String(value)})`;
  }
}
