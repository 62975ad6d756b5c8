// Adds devDependencies to a package.json by inserting text, so that everything the file already
// holds keeps its bytes: key order, indentation, line endings, compact or spread-out style.

/** A dependency to add: its name and version range. */
export type Dependency = readonly [name: string, range: string];

/** What adding did: the new text (undefined when nothing was added), and what was already there. */
export interface AddedDependencies {
  text: string | undefined;
  added: string[];
  present: { name: string; field: string }[];
}

const dependencyFields = [
  "dependencies",
  "devDependencies",
  "optionalDependencies",
  "peerDependencies",
] as const;

/**
 * Adds each dependency that no dependency field of the package.json names yet to its
 * devDependencies (created at the end when missing). Throws an Error with a one-line reason
 * when the text is not a JSON object or devDependencies is not an object.
 */
export function addDevDependencies(
  text: string,
  dependencies: readonly Dependency[],
): AddedDependencies {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new Error(`it is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(manifest)) throw new Error("it is not a JSON object");
  const devDependencies = manifest.devDependencies;
  if (devDependencies !== undefined && !isRecord(devDependencies)) {
    throw new Error('its "devDependencies" is not an object');
  }
  const present: AddedDependencies["present"] = [];
  const missing: Dependency[] = [];
  for (const dependency of dependencies) {
    const field = dependencyFields.find((name) => {
      const listed = manifest[name];
      return isRecord(listed) && Object.hasOwn(listed, dependency[0]);
    });
    if (field === undefined) missing.push(dependency);
    else present.push({ name: dependency[0], field });
  }
  const added = missing.map(([name]) => name);
  if (missing.length === 0) return { text: undefined, added, present };
  return { text: insertDevDependencies(text, missing), added, present };
}

function insertDevDependencies(text: string, missing: readonly Dependency[]): string {
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  // A one-line file stays on one line, compact; otherwise the file's own indentation.
  const unit = indentUnit(text);
  const colon = unit === undefined ? ":" : ": ";
  const separator = unit === undefined ? "," : `,${newline}`;
  const entries = (indent: string): string[] =>
    missing.map(
      ([name, range]) => `${indent}${JSON.stringify(name)}${colon}${JSON.stringify(range)}`,
    );
  const block = (indent: string): string =>
    unit === undefined
      ? `{${entries("").join(",")}}`
      : `{${newline}${entries(indent + unit).join(separator)}${newline}${indent}}`;
  const root = objectAt(text, skipSpace(text, 0));
  const existing = root.members.find((member) => member.key === "devDependencies");
  if (existing !== undefined) {
    const object = objectAt(text, existing.valueStart);
    const last = object.members.at(-1);
    if (last === undefined) {
      return splice(
        text,
        object.start,
        object.end + 1,
        block(lineIndent(text, existing.keyStart, unit)),
      );
    }
    const items = entries(lineIndent(text, last.keyStart, unit));
    return splice(text, last.valueEnd, last.valueEnd, `${separator}${items.join(separator)}`);
  }
  const last = root.members.at(-1);
  if (last === undefined) {
    const indent = unit ?? "";
    const member = `${indent}"devDependencies"${colon}${block(indent)}`;
    return splice(
      text,
      root.start,
      root.end + 1,
      unit === undefined ? `{${member}}` : `{${newline}${member}${newline}}`,
    );
  }
  const indent = lineIndent(text, last.keyStart, unit);
  const member = `${indent}"devDependencies"${colon}${block(indent)}`;
  return splice(text, last.valueEnd, last.valueEnd, `${separator}${member}`);
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** The whitespace at the start of the line holding `index`; none in a one-line file. */
function lineIndent(text: string, index: number, unit: string | undefined): string {
  if (unit === undefined) return "";
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
}

/** One level of indentation (that of the first indented line), or undefined for a one-line file. */
function indentUnit(text: string): string | undefined {
  const match = /\n([ \t]+)\S/.exec(text);
  return match?.[1];
}

interface Member {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

/** The members of the object whose `{` is at `start` (the text is valid JSON) and where it ends. */
function objectAt(text: string, start: number): { start: number; end: number; members: Member[] } {
  const members: Member[] = [];
  let index = skipSpace(text, start + 1);
  while (text[index] !== "}") {
    const keyStart = index;
    const keyEnd = skipString(text, index);
    const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key, keyStart, valueStart, valueEnd });
    index = skipSpace(text, valueEnd);
    if (text[index] === ",") index = skipSpace(text, index + 1);
  }
  return { start, end: index, members };
}

function skipSpace(text: string, index: number): number {
  let at = index;
  while (at < text.length && /\s/.test(text[at] as string)) at++;
  return at;
}

/** The index after the string starting at `index`. */
function skipString(text: string, index: number): number {
  let at = index + 1;
  while (text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
  return at + 1;
}

/** The index after the value starting at `index`. */
function skipValue(text: string, index: number): number {
  const first = text[index];
  if (first === '"') return skipString(text, index);
  if (first === "{" || first === "[") {
    let depth = 0;
    let at = index;
    do {
      const char = text[at];
      if (char === '"') {
        at = skipString(text, at);
        continue;
      }
      if (char === "{" || char === "[") depth++;
      if (char === "}" || char === "]") depth--;
      at++;
    } while (depth > 0);
    return at;
  }
  let at = index;
  while (at < text.length && /[^\s,}\]]/.test(text[at] as string)) at++;
  return at;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
