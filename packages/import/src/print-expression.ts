// Lays out a TsExpression as biome's formatter would (its defaults mirror prettier's): a value
// stays on one line when it fits in the line width, otherwise it is broken one entry a line,
// innermost values still on one line where they fit. Comments and multi-line template literals
// break every value around them. The generated file is therefore already formatted.
import { stringLiteral, templateLiteral } from "./string-literal.js";
import type { Comments, ObjectEntry, TsExpression } from "./ts-expression.js";

/** Layout settings: the formatter's line width and indent width. */
export type Layout = { readonly lineWidth: number; readonly indentWidth: number };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as written: bare when it is an identifier name, else a string literal. */
export function propertyKey(key: string): string {
  // `__proto__: x` in an object literal sets the prototype; the computed form defines a key.
  if (key === "__proto__") return `["__proto__"]`;
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/** The one-line form of `expression`, or undefined when it must be broken. */
function flat(expression: TsExpression): string | undefined {
  switch (expression.kind) {
    case "string":
      return expression.value.includes("\n") ? undefined : stringLiteral(expression.value);
    case "number":
      return numberText(expression.value);
    case "boolean":
      return String(expression.value);
    case "null":
      return "null";
    case "identifier":
      return expression.name;
    case "call": {
      const args = allFlat(expression.args);
      return args === undefined ? undefined : `${expression.callee}(${args.join(", ")})`;
    }
    case "object": {
      if (expression.expanded || expression.trailing.length > 0) return undefined;
      if (expression.entries.length === 0) return "{}";
      const entries: string[] = [];
      for (const entry of expression.entries) {
        if (entry.comments.length > 0) return undefined;
        const value = flat(entry.value);
        if (value === undefined) return undefined;
        entries.push(
          entry.kind === "spread" ? `...${value}` : `${propertyKey(entry.key)}: ${value}`,
        );
      }
      return `{ ${entries.join(", ")} }`;
    }
    case "array": {
      if (expression.trailing.length > 0) return undefined;
      if (expression.elements.some((element) => element.comments.length > 0)) return undefined;
      const elements = allFlat(expression.elements.map((element) => element.value));
      return elements === undefined ? undefined : `[${elements.join(", ")}]`;
    }
  }
}

function allFlat(expressions: readonly TsExpression[]): string[] | undefined {
  const texts: string[] = [];
  for (const expression of expressions) {
    const text = flat(expression);
    if (text === undefined) return undefined;
    texts.push(text);
  }
  return texts;
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return "Number.NaN";
  if (value === Number.POSITIVE_INFINITY) return "Number.POSITIVE_INFINITY";
  if (value === Number.NEGATIVE_INFINITY) return "Number.NEGATIVE_INFINITY";
  // The formatter writes exponents without `+` (`1e21`).
  return String(value).replace("e+", "e");
}

/**
 * `expression` laid out starting at `column` on a line indented by `indent`, followed on its
 * last line by `suffix` characters (a comma, `;`, `)`).
 */
export function printExpression(
  expression: TsExpression,
  layout: Layout,
  indent: number,
  column: number,
  suffix: number,
): string {
  const oneLine = flat(expression);
  if (oneLine !== undefined && column + oneLine.length + suffix <= layout.lineWidth) return oneLine;
  return broken(expression, layout, indent, column);
}

function pad(width: number): string {
  return " ".repeat(width);
}

function commentLines(comments: Comments, indent: number): string {
  return comments.map((comment) => `${pad(indent)}//${comment}\n`).join("");
}

function broken(
  expression: TsExpression,
  layout: Layout,
  indent: number,
  column: number = indent,
): string {
  const inner = indent + layout.indentWidth;
  switch (expression.kind) {
    case "string":
      return expression.value.includes("\n")
        ? templateLiteral(expression.value)
        : stringLiteral(expression.value);
    case "object": {
      if (expression.entries.length === 0 && expression.trailing.length === 0) return "{}";
      const lines = expression.entries.map(
        (entry, index) =>
          `${index > 0 && entry.kind === "property" && entry.blankBefore === true ? "\n" : ""}${commentLines(entry.comments, inner)}${pad(inner)}${entryText(entry, layout, inner)},`,
      );
      const trailing = commentLines(expression.trailing, inner);
      return `{\n${lines.map((line) => `${line}\n`).join("")}${trailing}${pad(indent)}}`;
    }
    case "array": {
      if (expression.elements.length === 0 && expression.trailing.length === 0) return "[]";
      const lines = expression.elements.map(
        (element) =>
          `${commentLines(element.comments, inner)}${pad(inner)}${printExpression(element.value, layout, inner, inner, 1)},`,
      );
      const trailing = commentLines(expression.trailing, inner);
      return `[\n${lines.map((line) => `${line}\n`).join("")}${trailing}${pad(indent)}]`;
    }
    case "call": {
      const [only] = expression.args;
      // One object or array argument hugs the parentheses: `pipeline({` … `})`.
      if (expression.args.length === 1 && (only!.kind === "object" || only!.kind === "array")) {
        return `${expression.callee}(${broken(only!, layout, indent)})`;
      }
      // The last argument, an object, hugs the call when the others fit on its line:
      // `extend(base, {` … `})`, as the formatter writes it.
      const last = expression.args.at(-1);
      const leading = allFlat(expression.args.slice(0, -1));
      // (Not after another object: the formatter then breaks every argument.)
      const objectBefore = expression.args.slice(0, -1).some((arg) => arg.kind === "object");
      if (
        last?.kind === "object" &&
        leading !== undefined &&
        !objectBefore &&
        last.entries.length > 0
      ) {
        const head = `${expression.callee}(${leading.map((text) => `${text}, `).join("")}`;
        if (column + head.length + 1 <= layout.lineWidth) {
          return `${head}${broken(last, layout, indent)})`;
        }
      }
      const args = expression.args.map(
        (arg) => `${pad(inner)}${printExpression(arg, layout, inner, inner, 1)},\n`,
      );
      return `${expression.callee}(\n${args.join("")}${pad(indent)})`;
    }
    default:
      return flat(expression) ?? "";
  }
}

// A property whose string or name value does not fit is broken after the colon, unless the key is
// shorter than the indent width plus three (the formatter's "short key" rule).
function entryText(entry: ObjectEntry, layout: Layout, indent: number): string {
  if (entry.kind === "spread") {
    return `...${printExpression(entry.value, layout, indent, indent + 3, 1)}`;
  }
  const key = propertyKey(entry.key);
  const column = indent + key.length + 2;
  const value = entry.value;
  const oneLine = flat(value);
  if (oneLine !== undefined && column + oneLine.length + 1 <= layout.lineWidth) {
    return `${key}: ${oneLine}`;
  }
  const unbreakable = value.kind === "string" || value.kind === "identifier";
  if (unbreakable && oneLine !== undefined && key.length >= layout.indentWidth + 3) {
    return `${key}:\n${pad(indent + layout.indentWidth)}${oneLine}`;
  }
  return `${key}: ${printExpression(value, layout, indent, column, 1)}`;
}

/**
 * `import { a, type B } from "module";`, names sorted as biome's import organizer sorts them
 * (`type` ignored), one a line when the statement does not fit.
 */
export function printImport(
  names: readonly { readonly name: string; readonly isType: boolean }[],
  module: string,
  layout: Layout,
): string {
  const sorted = [...names].sort((a, b) => compareNames(a.name, b.name));
  const texts = sorted.map(({ name, isType }) => (isType ? `type ${name}` : name));
  const from = ` from ${stringLiteral(module)};`;
  const oneLine = `import { ${texts.join(", ")} }${from}`;
  if (oneLine.length <= layout.lineWidth) return oneLine;
  const lines = texts.map((text) => `${pad(layout.indentWidth)}${text},\n`).join("");
  return `import {\n${lines}}${from}`;
}

// Biome's order of imported names: letter by letter ignoring case, and at the first letter that
// differs only in case, the upper-case one first (`included`, `JobTemplate`, `PipelineJob`, `pipeline`).
function compareNames(a: string, b: string): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const x = a[index]!;
    const y = b[index]!;
    if (x === y) continue;
    const lowerX = x.toLowerCase();
    const lowerY = y.toLowerCase();
    if (lowerX !== lowerY) return lowerX < lowerY ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
