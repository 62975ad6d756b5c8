// Where a path into the merged pipeline (`jobs.test.needs[0]`) was written in the YAML files that
// were read: followed through each file's Document as GitLab merged them (the including file over
// its includes, later includes over earlier ones), aliases and merge keys (`<<: *x`) resolved to
// the anchored node, nested lists flattened.
import type * as Yaml from "yaml";

/** One step of a path into the pipeline: a key or a list index (as core's `parsePath` gives). */
export type PathSegment = string | number;

/** A place in a YAML file: its name as the reader was given it, 1-based line and column. */
export type YamlPlace = { file: string; line: number; column: number };

/** One file as read: its name, its Documents (header first when it has two) and line counter. */
export type ReadYamlFile = {
  file: string;
  documents: readonly Yaml.Document.Parsed[];
  lineCounter: Yaml.LineCounter;
  /** The name a written key became (inputs interpolated), when it changes. */
  key?: (written: string) => string;
};

type Candidate = { read: ReadYamlFile; document: Yaml.Document.Parsed; node: unknown; at: number };

/**
 * The place of `path` in `files` (highest merge priority first), or undefined when not even its
 * first key is written in any of them. A path that leads further than the YAML goes is placed at
 * the deepest node it reaches; a key is placed at the key, a list entry at the entry.
 */
export function yamlPlace(
  yaml: typeof Yaml,
  files: readonly ReadYamlFile[],
  path: readonly PathSegment[],
): YamlPlace | undefined {
  const [first, ...rest] = path;
  const inBody = first === "jobs" ? rest : path;
  let candidates: Candidate[] = files.flatMap((read) => {
    const document =
      first === "spec" ? read.documents[read.documents.length - 2] : read.documents.at(-1);
    return document === undefined ? [] : [{ read, document, node: document.contents, at: -1 }];
  });
  let reached: Candidate | undefined;
  for (const segment of inBody) {
    const next: Candidate[] = [];
    for (const candidate of candidates) {
      const child = childOf(yaml, candidate, segment);
      if (child === undefined) continue;
      // A value other than a map replaces what lower files say (GitLab's deep merge).
      if (!yaml.isMap(child.node)) {
        if (next.length === 0) next.push(child);
        break;
      }
      next.push(child);
    }
    if (next.length === 0) break;
    candidates = next;
    reached = next[0];
  }
  if (reached === undefined) return undefined;
  const { line, col } = reached.read.lineCounter.linePos(reached.at);
  return { file: reached.read.file, line, column: col };
}

function resolved(yaml: typeof Yaml, document: Yaml.Document.Parsed, node: unknown): unknown {
  let value = node;
  for (let i = 0; i < 100 && yaml.isAlias(value); i++) value = value.resolve(document);
  return value;
}

function startOf(yaml: typeof Yaml, node: unknown, fallback: number): number {
  return yaml.isNode(node) ? (node.range?.[0] ?? fallback) : fallback;
}

// The child of a map by key (explicit keys first, the last of repeated ones; then merge keys, the
// first source first), or of a list by index (nested untagged lists flattened, as GitLab does).
function childOf(
  yaml: typeof Yaml,
  candidate: Candidate,
  segment: PathSegment,
): Candidate | undefined {
  const { document } = candidate;
  const node = resolved(yaml, document, candidate.node);
  if (typeof segment === "number") {
    if (!yaml.isSeq(node)) return undefined;
    const entries = flatEntries(yaml, document, node);
    const entry = entries[segment];
    if (entry === undefined) return undefined;
    return { ...candidate, node: resolved(yaml, document, entry), at: startOf(yaml, entry, -1) };
  }
  if (!yaml.isMap(node)) return undefined;
  const pair = pairOf(yaml, document, node, segment, candidate.read.key, 0);
  if (pair === undefined) return undefined;
  return {
    ...candidate,
    node: resolved(yaml, document, pair.value),
    at: startOf(yaml, pair.key, startOf(yaml, pair.value, -1)),
  };
}

function pairOf(
  yaml: typeof Yaml,
  document: Yaml.Document.Parsed,
  map: Yaml.YAMLMap,
  key: string,
  name: ((written: string) => string) | undefined,
  depth: number,
): Yaml.Pair | undefined {
  // A merge key reads as a symbol in YAML 1.1 (`Symbol(<<)`).
  const keyOf = (pair: Yaml.Pair) =>
    yaml.isScalar(pair.key)
      ? typeof pair.key.value === "symbol"
        ? "<<"
        : String(pair.key.value)
      : undefined;
  const own = map.items.findLast((pair) => {
    const written = keyOf(pair);
    return written !== undefined && written !== "<<" && (name?.(written) ?? written) === key;
  });
  if (own !== undefined || depth > 20) return own;
  for (const merge of map.items.filter((pair) => keyOf(pair) === "<<")) {
    const value = resolved(yaml, document, merge.value);
    const sources = yaml.isSeq(value) ? value.items : [value];
    for (const source of sources) {
      const map = resolved(yaml, document, source);
      if (!yaml.isMap(map)) continue;
      const found = pairOf(yaml, document, map, key, name, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function flatEntries(
  yaml: typeof Yaml,
  document: Yaml.Document.Parsed,
  seq: Yaml.YAMLSeq,
  depth = 0,
): unknown[] {
  return seq.items.flatMap((item) => {
    const value = resolved(yaml, document, item);
    return yaml.isSeq(value) && value.tag === undefined && depth < 10
      ? flatEntries(yaml, document, value, depth + 1)
      : [item];
  });
}
