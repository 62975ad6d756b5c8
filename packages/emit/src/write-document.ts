import {
  doubleQuoted,
  hasLoneSurrogate,
  literalBlock,
  numberScalar,
  stringScalar,
} from "./scalar.js";
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
  readonly chunks: string[];
  readonly path: (string | number)[];
  // The collections being written, outermost first: a value found here again is a cycle. An
  // array beats a Set at the depths documents have.
  readonly ancestors: object[];
  // Keys repeat in every job; each is checked and quoted once per document.
  readonly keys: Map<string, string>;
  // Multi-line strings repeat too (a script runner in every Kubernetes Job): each is checked and
  // written once per document and column.
  readonly blocks: Map<string, string[]>;
}

// Appending to one string builds a rope (a tree of every appended piece) that the GC traces
// until the final flatten: for 10,000 jobs that was most of the run time. Every FLUSH_AT
// characters the rope is flattened and set aside, and the chunks are joined once at the end.
const FLUSH_AT = 16_384;

function flush(walk: Walk): void {
  // Converting a string to a number makes V8 flatten it in place (the trick of npm's flatstr).
  Number(walk.out);
  walk.chunks.push(walk.out);
  walk.out = "";
}

// Readers refuse implicit keys longer than 1024 characters; longer ones need `? key`.
const MAX_IMPLICIT_KEY = 1000;

// Indentation strings by column, made once per process; a memo the output never depends on.
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
  if (walk.ancestors.includes(value)) fail(walk, "value contains itself (a cycle)");
  walk.ancestors.push(value);
}

function leave(walk: Walk): void {
  walk.ancestors.pop();
}

function writeKey(walk: Walk, key: string, column: number): void {
  let text = walk.keys.get(key);
  if (text === undefined) {
    checkString(walk, key);
    // Keys never use block scalars: a multi-line key is double-quoted by stringScalar.
    const scalar = stringScalar(key, false);
    if (scalar.length > MAX_IMPLICIT_KEY) {
      walk.out += `? ${scalar}\n${indentOf(column)}:`;
      return;
    }
    text = `${scalar}:`;
    walk.keys.set(key, text);
  }
  walk.out += text;
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
    if (walk.out.length > FLUSH_AT) flush(walk);
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
    if (walk.out.length > FLUSH_AT) flush(walk);
  }
}

function writeString(walk: Walk, s: string, column: number, position: Position): void {
  const before = position === "key" ? " " : "";
  // A block scalar at the root would have nowhere to indent to; it falls back to quotes.
  if (position !== "root" && s.includes("\n")) {
    let byColumn = walk.blocks.get(s);
    if (byColumn === undefined) {
      checkString(walk, s);
      byColumn = [];
      walk.blocks.set(s, byColumn);
    }
    let written = byColumn[column];
    if (written === undefined) {
      written = literalBlock(s, indentOf(column)) ?? `${doubleQuoted(s)}\n`;
      byColumn[column] = written;
    }
    walk.out += before + written;
    return;
  }
  checkString(walk, s);
  walk.out += `${before}${stringScalar(s, false)}\n`;
}

type Scalar = string | number | boolean | null;

function isScalar(value: unknown): value is Scalar {
  const type = typeof value;
  return value === null || type === "string" || type === "number" || type === "boolean";
}

// A scalar after a tag, on one line: `!tag value`, or an item of `!tag [a, b]`.
function flowScalar(walk: Walk, value: Scalar, flow: boolean): string {
  if (typeof value === "string") {
    checkString(walk, value);
    return stringScalar(value, flow);
  }
  return typeof value === "number" ? numberScalar(value) : String(value);
}

function writeTagged(walk: Walk, tagged: TaggedValue, column: number, position: Position): void {
  const before = position === "key" ? " " : "";
  const { tag, value } = tagged;
  walk.path.push(tag);
  if (isScalar(value)) {
    walk.out += `${before}${tag} ${flowScalar(walk, value, false)}\n`;
  } else if (Array.isArray(value) && value.every(isScalar)) {
    // `!reference [.setup, script]`: the form GitLab documents, and the only one it reads.
    const items = value.map((item: Scalar, i) => {
      walk.path.push(i);
      const text = flowScalar(walk, item, true);
      walk.path.pop();
      return text;
    });
    walk.out += `${before}${tag} [${items.join(", ")}]\n`;
  } else if (Array.isArray(value)) {
    walk.out += `${before}${tag}\n`;
    enter(walk, value);
    writeSequence(walk, value, column, false);
    leave(walk);
  } else if (typeof value === "object" && value !== null && !isTaggedValue(value)) {
    if (!isPlainObject(value)) fail(walk, `cannot write ${describe(value)}`);
    if (!hasDefinedEntry(value)) {
      walk.out += `${before}${tag} {}\n`;
    } else {
      walk.out += `${before}${tag}\n`;
      enter(walk, value);
      writeMap(walk, value, column, false);
      leave(walk);
    }
  } else {
    const what = isTaggedValue(value) ? "another tag" : describe(value);
    fail(walk, `a tagged value cannot hold ${what}`);
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
    leave(walk);
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
  leave(walk);
}

/** What the documents of one emit share: keys and multi-line strings already written. */
export type WriteMemo = Pick<Walk, "keys" | "blocks">;

/** A fresh memo, for documents written together (a multi-document file). */
export function writeMemo(): WriteMemo {
  return { keys: new Map(), blocks: new Map() };
}

/** The block-style YAML text of one document holding `value`, ending in a line break. */
export function writeDocument(value: unknown, memo: WriteMemo = writeMemo()): string {
  const walk: Walk = { out: "", chunks: [], path: [], ancestors: [], ...memo };
  writeNode(walk, value, 0, "root");
  flush(walk);
  return walk.chunks.join("");
}
