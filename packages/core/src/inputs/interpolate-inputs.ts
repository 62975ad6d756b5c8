import type { z } from "zod";
import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { formatPath, type PathSegment } from "../diagnostics/path.js";
import type { specSchema } from "../schema/spec.js";
import { isPlainObject } from "../templates/is-plain-object.js";

/** The `spec:inputs` of a file, as written. */
export type InputDeclarations = NonNullable<z.output<typeof specSchema>["inputs"]>;

/** An input's value after defaults: what `$[[ inputs.name ]]` stands for. */
export type InputValue = string | number | boolean | readonly unknown[];

/** What `interpolateInputs` returns: the interpolated value and every problem. */
export type Interpolation = { value: unknown; diagnostics: Diagnostic[] };

// `$[[ inputs.name ]]` with up to three `| function(…)` after it, as GitLab writes them.
const PLACEHOLDER =
  /\$\[\[\s*inputs\.([A-Za-z0-9_-]+)((?:\s*\|\s*[a-z_]+(?:\([^)]*\))?){0,3})\s*\]\]/g;
const WHOLE = new RegExp(`^${PLACEHOLDER.source}$`);

/**
 * The values of the declared inputs: those given, else their defaults, each checked against
 * its declaration (type, options, regex) the way GitLab checks them. `at` names where the
 * inputs were given (`include[0].inputs`).
 */
export function resolveInputValues(
  declared: InputDeclarations,
  given: Readonly<Record<string, unknown>>,
  at: readonly PathSegment[] = ["inputs"],
): { values: Map<string, InputValue>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const values = new Map<string, InputValue>();
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(declared, name)) {
      diagnostics.push(
        error(
          "inputs/unknown",
          formatPath([...at, name]),
          `unknown input ${JSON.stringify(name)}; the file declares ${listOf(Object.keys(declared))}`,
        ),
      );
    }
  }
  for (const [name, declaration] of Object.entries(declared)) {
    const where = formatPath([...at, name]);
    const value = Object.hasOwn(given, name) ? given[name] : declaration?.default;
    if (value === undefined || value === null) {
      diagnostics.push(
        error(
          "inputs/missing",
          where,
          `input ${JSON.stringify(name)} is required; give it a value`,
        ),
      );
      continue;
    }
    const problem = valueProblem(value, declaration ?? {});
    if (problem !== undefined) {
      diagnostics.push(error("inputs/invalid", where, `input ${JSON.stringify(name)}: ${problem}`));
      continue;
    }
    values.set(name, value as InputValue);
  }
  return { values, diagnostics };
}

function valueProblem(
  value: unknown,
  declaration: {
    type?: string | undefined;
    options?: unknown[] | undefined;
    regex?: string | undefined;
  },
): string | undefined {
  const type = declaration.type ?? "string";
  const actual = Array.isArray(value) ? "array" : typeof value;
  if (actual !== type) return `expected a ${type}, got ${JSON.stringify(value)}`;
  if (declaration.options !== undefined && !declaration.options.includes(value as never)) {
    return `${JSON.stringify(value)} is not one of the options ${JSON.stringify(declaration.options)}`;
  }
  if (declaration.regex !== undefined && typeof value === "string") {
    const pattern = declaration.regex.replace(/^\/(.*)\/$/s, "$1");
    if (!new RegExp(pattern).test(value)) {
      return `${JSON.stringify(value)} does not match ${declaration.regex}`;
    }
  }
  return undefined;
}

/**
 * `value` with every `$[[ inputs.name ]]` replaced, in keys and values, as GitLab does before
 * it validates a file with a `spec` header. A string that is only a placeholder takes the
 * input's value with its type (a number, a list); inside other text the value is written as
 * text. Functions: `truncate(start, length)`, `posix_escape`; `expand_vars` is left to the
 * runner (the value is kept as it is).
 */
export function interpolateInputs(
  value: unknown,
  values: ReadonlyMap<string, InputValue>,
  at: readonly PathSegment[] = [],
): Interpolation {
  const diagnostics: Diagnostic[] = [];
  const visit = (node: unknown, path: readonly PathSegment[]): unknown => {
    if (typeof node === "string") return interpolateString(node, path);
    if (Array.isArray(node)) return node.map((item, i) => visit(item, [...path, i]));
    if (isPlainObject(node)) {
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => {
          const newKey = String(interpolateString(key, path, true));
          return [newKey, visit(child, [...path, key])];
        }),
      );
    }
    return node;
  };
  const interpolateString = (text: string, path: readonly PathSegment[], asText = false) => {
    if (!text.includes("$[[")) return text;
    const whole = asText ? null : WHOLE.exec(text);
    if (whole !== null) return placeholderValue(whole[1]!, whole[2] ?? "", path, false);
    return text.replace(PLACEHOLDER, (_, name: string, functions: string) =>
      String(placeholderValue(name, functions, path, true)),
    );
  };
  const placeholderValue = (
    name: string,
    functions: string,
    path: readonly PathSegment[],
    asText: boolean,
  ): unknown => {
    const input = values.get(name);
    if (input === undefined) {
      diagnostics.push(
        error(
          "inputs/unknown-placeholder",
          formatPath([...at, ...path]),
          `$[[ inputs.${name} ]] names no declared input with a value; declare it in spec:inputs`,
        ),
      );
      return `$[[ inputs.${name} ]]`;
    }
    let result: unknown = input;
    for (const call of functions
      .split("|")
      .map((part) => part.trim())
      .filter(Boolean)) {
      result = applyFunction(call, result);
    }
    if (!asText) return result;
    return typeof result === "string" ? result : JSON.stringify(result);
  };
  return { value: visit(value, []), diagnostics };
}

function applyFunction(call: string, value: unknown): unknown {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const truncate = /^truncate\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(call);
  if (truncate !== null) {
    const start = Number(truncate[1]);
    return text.slice(start, start + Number(truncate[2]));
  }
  if (call === "posix_escape") return text.replace(/([^A-Za-z0-9_\-.,:/@\n])/g, "\\$1");
  return value;
}

function listOf(names: readonly string[]): string {
  return names.length === 0 ? "no inputs" : names.map((name) => JSON.stringify(name)).join(", ");
}
