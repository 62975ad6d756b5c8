import { isTaggedValue } from "@pipecraft/emit";

const MAX_SHOWN = 40;

/** How a value reads in "expected …, got …": `a list`, `"npm test"`, `500`, `null`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (isTaggedValue(value)) return `a ${value.tag} tag`;
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
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
