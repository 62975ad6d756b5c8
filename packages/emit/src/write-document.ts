import { doubleQuoted } from "./scalar/double-quoted.js";
import { literalBlock } from "./scalar/literal-block.js";
import { hasLoneSurrogate } from "./scalar/lone-surrogate.js";
import { numberScalar } from "./scalar/number-scalar.js";
import { stringScalar } from "./scalar/string-scalar.js";
import { isTaggedValue, type TaggedValue } from "./tagged-value.js";
import { formatValuePath } from "./value-path.js";

// Where a node is written, which decides what goes between its parent and it:
// "key" — after `key:` (a space before a scalar, a line break before a block collection);
// "dash" — after `- ` (the first entry of a block collection goes on the same line);
// "root" — the document itself.
type Position = "key" | "dash" | "root";

// The state of one walk. Only `writeDocument` creates one, so the walk stays a pure function
// of its input even though it appends to `out`.
interface Walk {
  out: string;
  readonly path: (string | number)[];
  readonly ancestors: Set<object>;
}

// Readers refuse implicit keys longer than 1024 characters; longer ones need `? key`.
const MAX_IMPLICIT_KEY = 1000;

const indents: string[] = [];
function indentOf(column: number): string {
  let indent = indents[column];
  if (indent === undefined) {
    indent = " ".repeat(column);
    indents[column] = indent;
  }
  return indent;
}

function fail(walk: Walk, problem: string): never {
  throw new TypeError(`emitYaml: ${formatValuePath(walk.path)}: ${problem}`);
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "object" && value !== null) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return `a ${typeof name === "string" && name !== "" ? name : "non-plain object"} instance`;
  }
  return `a ${typeof value}`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasDefinedEntry(map: Record<string, unknown>): boolean {
  for (const key of Object.keys(map)) if (map[key] !== undefined) return true;
  return false;
}

function checkString(walk: Walk, s: string): void {
  if (hasLoneSurrogate(s)) fail(walk, "string has a lone surrogate, which UTF-8 cannot encode");
}

function enter(walk: Walk, value: object): void {
  if (walk.ancestors.has(value)) fail(walk, "value contains itself (a cycle)");
  walk.ancestors.add(value);
}

function writeKey(walk: Walk, key: string, column: number): void {
  checkString(walk, key);
  // Keys never use block scalars: a multi-line key is double-quoted by stringScalar.
  const text = stringScalar(key, false);
  walk.out += text.length <= MAX_IMPLICIT_KEY ? `${text}:` : `? ${text}\n${indentOf(column)}:`;
}

function writeMap(walk: Walk, map: Record<string, unknown>, column: number, inline: boolean): void {
  let first = inline;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue;
    if (!first) walk.out += indentOf(column);
    first = false;
    walk.path.push(key);
    writeKey(walk, key, column);
    writeNode(walk, value, column + 2, "key");
    walk.path.pop();
  }
}

function writeSequence(
  walk: Walk,
  items: readonly unknown[],
  column: number,
  inline: boolean,
): void {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 || !inline) walk.out += indentOf(column);
    walk.out += "- ";
    walk.path.push(i);
    writeNode(walk, items[i], column + 2, "dash");
    walk.path.pop();
  }
}

function writeString(walk: Walk, s: string, column: number, position: Position): void {
  checkString(walk, s);
  const before = position === "key" ? " " : "";
  // A block scalar at the root would have nowhere to indent to; it falls back to quotes.
  if (position !== "root" && s.includes("\n")) {
    const block = literalBlock(s, indentOf(column));
    if (block !== undefined) {
      walk.out += before + block;
      return;
    }
    walk.out += `${before}${doubleQuoted(s)}\n`;
    return;
  }
  walk.out += `${before}${stringScalar(s, false)}\n`;
}

// A scalar inside `!tag [a, b]`, or undefined when the item needs block style.
function flowScalar(walk: Walk, value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      checkString(walk, value);
      return stringScalar(value, true);
    case "number":
      return numberScalar(value);
    case "boolean":
      return String(value);
    default:
      return value === null ? "null" : undefined;
  }
}

function writeTagged(walk: Walk, tagged: TaggedValue, column: number, position: Position): void {
  const before = position === "key" ? " " : "";
  const { tag, value } = tagged;
  walk.path.push(tag);
  const scalar = flowScalar(walk, value);
  if (scalar !== undefined) {
    walk.out += `${before}${tag} ${scalar}\n`;
  } else if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length && items.length === i; i++) {
      walk.path.push(i);
      const item = flowScalar(walk, value[i]);
      walk.path.pop();
      if (item !== undefined) items.push(item);
    }
    if (items.length === value.length) {
      walk.out += `${before}${tag} [${items.join(", ")}]\n`;
    } else {
      walk.out += `${before}${tag}\n`;
      enter(walk, value);
      writeSequence(walk, value, column, false);
      walk.ancestors.delete(value);
    }
  } else if (typeof value === "object" && value !== null && !isTaggedValue(value)) {
    if (!isPlainObject(value)) fail(walk, `cannot write ${describe(value)}`);
    if (!hasDefinedEntry(value)) {
      walk.out += `${before}${tag} {}\n`;
    } else {
      walk.out += `${before}${tag}\n`;
      enter(walk, value);
      writeMap(walk, value, column, false);
      walk.ancestors.delete(value);
    }
  } else {
    fail(
      walk,
      `a tagged value cannot hold ${isTaggedValue(value) ? "another tag" : describe(value)}`,
    );
  }
  walk.path.pop();
}

function writeNode(walk: Walk, value: unknown, column: number, position: Position): void {
  const before = position === "key" ? " " : "";
  switch (typeof value) {
    case "string":
      writeString(walk, value, column, position);
      return;
    case "number":
      walk.out += `${before}${numberScalar(value)}\n`;
      return;
    case "boolean":
      walk.out += value ? `${before}true\n` : `${before}false\n`;
      return;
    case "object":
      break;
    default:
      fail(walk, `cannot write ${describe(value)}`);
  }
  if (value === null) {
    walk.out += `${before}null\n`;
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      walk.out += `${before}[]\n`;
      return;
    }
    enter(walk, value);
    if (position === "key") walk.out += "\n";
    writeSequence(walk, value, column, position !== "key");
    walk.ancestors.delete(value);
    return;
  }
  if (isTaggedValue(value)) {
    writeTagged(walk, value, column, position);
    return;
  }
  if (!isPlainObject(value)) fail(walk, `cannot write ${describe(value)}`);
  if (!hasDefinedEntry(value)) {
    walk.out += `${before}{}\n`;
    return;
  }
  enter(walk, value);
  if (position === "key") walk.out += "\n";
  writeMap(walk, value, column, position !== "key");
  walk.ancestors.delete(value);
}

/** The block-style YAML text of one document holding `value`, ending in a line break. */
export function writeDocument(value: unknown): string {
  const walk: Walk = { out: "", path: [], ancestors: new Set() };
  writeNode(walk, value, 0, "root");
  return walk.out;
}
