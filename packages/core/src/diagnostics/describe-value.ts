import { isTaggedValue } from "@pipecraft/emit";
import { escapeControlCharacters } from "./escape-control-characters.js";

const MAX_SHOWN = 40;

/**
 * True for a path into a `secrets` block (`kubernetes.secrets.TOKEN`, a job's `secrets`): a value
 * written there may be a pasted token, so messages name only its kind, never the value.
 */
export function isSecretPath(path: readonly PropertyKey[] | undefined): boolean {
  return path?.includes("secrets") ?? false;
}

// Long strings are cut: a message names a value, it does not reprint it.
function shown(text: string): string {
  return quoted(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
}

/**
 * How a value reads in "expected …, got …": `a list`, `"npm test"`, `500`, `null`, `nothing`;
 * with `secret`, only its kind (`a string`, `a number`).
 */
export function describeValue(value: unknown, secret = false): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (isTaggedValue(value)) return `a ${value.tag} tag`;
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      if (secret) return "a string";
      return shown(value);
    case "number":
    case "boolean":
    case "bigint":
      return secret ? `a ${typeof value}` : String(value);
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

/**
 * A user's text quoted for a message: JSON quotes, with every character a terminal would act on
 * escaped (see escapeControlCharacters).
 * @example quoted("a\u001bb") // the 10 characters "a\u001bb" with their quotes
 */
export function quoted(text: string): string {
  return escapeControlCharacters(JSON.stringify(text));
}
