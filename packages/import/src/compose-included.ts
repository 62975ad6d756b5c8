// A file's own top-level entries merged with the modules of its `include: local` files, as
// GitLab merges them: deep merge in include order, the including file on top. The modules are
// spread (`...base.jobs`), and a key that several define is merged with `extend()` (a job) or
// `merge()` (other data), so that the object is exactly what GitLab makes of the files.
import { isDeepStrictEqual } from "node:util";
import { merge } from "@pipecraft/core";
import { isTaggedValue } from "@pipecraft/emit";
import { propertyKey } from "./print-expression.js";
import type { ObjectEntry, TsExpression } from "./ts-expression.js";

/** A file's data as its module holds it: top-level keywords, and the jobs under `jobs`. */
export type Sections = Readonly<Record<string, unknown>>;

/** An imported module as the including file names it, and the data it holds. */
export type IncludedModule = { readonly local: string; readonly data: Sections };

/** The merged entries, their data, and the helpers they call. */
export type Composition = {
  readonly entries: ObjectEntry[];
  readonly data: Sections;
  readonly usesMerge: boolean;
  readonly usesExtend: boolean;
};

type Part = { readonly ref?: string; readonly value: unknown };

/**
 * `own` (the file's entries and their data, `include` left out) on top of `modules`, in order;
 * `include` is `keptInclude` (the entries left as includes) after the modules' own.
 */
export function composeIncluded(
  ownEntries: readonly ObjectEntry[],
  own: Sections,
  modules: readonly IncludedModule[],
  keptInclude: TsExpression | undefined,
): Composition {
  const uses = { merge: false, extend: false };
  const entries: ObjectEntry[] = [];
  const moduleKeys = [...new Set(modules.flatMap((m) => Object.keys(m.data)))].filter(
    (key) => key !== "include" && !Object.hasOwn(own, key),
  );
  const includeSpreads = includingModules(modules).map(
    (m): TsExpression => ({ kind: "identifier", name: `...${m.local}.include` }),
  );
  const includeValue = includeExpression(includeSpreads, keptInclude);
  let includeWritten = false;
  for (const entry of ownEntries) {
    if (entry.kind !== "property" || entry.key !== "include") continue;
    if (includeValue !== undefined) entries.push({ ...entry, value: includeValue });
    includeWritten = true;
  }
  if (!includeWritten && includeValue !== undefined) {
    entries.push({ kind: "property", key: "include", value: includeValue, comments: [] });
  }
  for (const key of moduleKeys) {
    const value = sectionValue(key, contributors(modules, key), undefined, uses);
    entries.push({ kind: "property", key, value, comments: [] });
  }
  for (const entry of ownEntries) {
    if (entry.kind === "property" && entry.key === "include") continue;
    if (entry.kind !== "property" || !Object.hasOwn(own, entry.key)) {
      entries.push(entry);
      continue;
    }
    const value = sectionValue(
      entry.key,
      contributors(modules, entry.key),
      { value: own[entry.key], expression: entry.value },
      uses,
    );
    entries.push({ ...entry, value });
  }
  return {
    entries: ordered(entries),
    data: mergedData(own, modules),
    usesMerge: uses.merge,
    usesExtend: uses.extend,
  };
}

// `include` first (where GitLab's readers put it too), then the rest as composed.
function ordered(entries: ObjectEntry[]): ObjectEntry[] {
  const isInclude = (e: ObjectEntry) => e.kind === "property" && e.key === "include";
  return [...entries.filter(isInclude), ...entries.filter((e) => !isInclude(e))];
}

// The modules whose `include` entries are listed: not those whose entries a later module lists
// too (it includes the module itself), so that no include is listed twice.
function includingModules(modules: readonly IncludedModule[]): IncludedModule[] {
  const includes = modules.map((m) => (Array.isArray(m.data.include) ? m.data.include : []));
  return modules.filter(
    (_, i) =>
      includes[i]!.length > 0 &&
      !includes
        .slice(i + 1)
        .some((later) =>
          includes[i]!.every((entry) => later.some((other) => isDeepStrictEqual(entry, other))),
        ),
  );
}

function includeExpression(
  spreads: readonly TsExpression[],
  kept: TsExpression | undefined,
): TsExpression | undefined {
  if (spreads.length === 0) return kept;
  const [only] = spreads;
  if (spreads.length === 1 && kept === undefined && only?.kind === "identifier") {
    return { kind: "identifier", name: only.name.slice("...".length) };
  }
  const keptElements =
    kept === undefined
      ? []
      : kept.kind === "array"
        ? kept.elements
        : [{ value: kept, comments: [] }];
  return {
    kind: "array",
    elements: [...spreads.map((value) => ({ value, comments: [] })), ...keptElements],
    trailing: kept?.kind === "array" ? kept.trailing : [],
  };
}

function contributors(modules: readonly IncludedModule[], key: string): Part[] {
  return modules
    .filter((m) => Object.hasOwn(m.data, key))
    .map((m) => ({ ref: `${m.local}${access(key)}`, value: m.data[key] }));
}

/** `.key` or `["key"]`: how TypeScript reads a property. */
function access(key: string): string {
  const written = propertyKey(key);
  return written === key ? `.${key}` : `[${written}]`;
}

// What a top-level key becomes: the own value where it replaces (not a mapping, or nothing
// before it is one), a module's where only modules define it, else the mappings merged.
function sectionValue(
  key: string,
  parts: readonly Part[],
  own: { readonly value: unknown; readonly expression: TsExpression } | undefined,
  uses: { merge: boolean; extend: boolean },
): TsExpression {
  const all: Part[] = own === undefined ? [...parts] : [...parts, { value: own.value }];
  const tail = mergedTail(all);
  if (own !== undefined && (tail.length <= 1 || !isMap(own.value))) return own.expression;
  if (tail.length === 0) return { kind: "identifier", name: all.at(-1)!.ref! };
  if (tail.length === 1) return { kind: "identifier", name: tail[0]!.ref! };
  const moduleParts = tail.filter((part) => part.ref !== undefined);
  const merger = key === "jobs" ? "extend" : "merge";
  const call = (args: TsExpression[]): TsExpression => {
    uses[merger] = true;
    return { kind: "call", callee: merger, args };
  };
  const refs = (list: readonly Part[]) =>
    list.map((part): TsExpression => ({ kind: "identifier", name: part.ref! }));
  const ownExpression = own?.expression;
  // An own value that is not an object literal of plain keys (a const, spreads): merged whole.
  if (
    ownExpression !== undefined &&
    (ownExpression.kind !== "object" || ownExpression.entries.some((e) => e.kind === "spread"))
  ) {
    uses.merge = true;
    return { kind: "call", callee: "merge", args: [...refs(moduleParts), ownExpression] };
  }
  const ownValue = own === undefined ? {} : (own.value as Record<string, unknown>);
  const entries: ObjectEntry[] = moduleParts.map((part) => ({
    kind: "spread",
    value: { kind: "identifier", name: part.ref! },
    comments: [],
  }));
  // Keys several modules define as mappings, the own file not at all: merged here.
  const moduleKeys = [
    ...new Set(moduleParts.flatMap((part) => Object.keys(part.value as object))),
  ].filter((sub) => !Object.hasOwn(ownValue, sub));
  for (const sub of moduleKeys) {
    const subTail = subParts(moduleParts, sub);
    if (subTail.length >= 2) {
      entries.push({ kind: "property", key: sub, value: call(refs(subTail)), comments: [] });
    }
  }
  if (ownExpression?.kind === "object") {
    for (const entry of ownExpression.entries) {
      if (entry.kind !== "property") continue;
      const subTail = isMap(ownValue[entry.key]) ? subParts(moduleParts, entry.key) : [];
      entries.push(
        subTail.length === 0 ? entry : { ...entry, value: call([...refs(subTail), entry.value]) },
      );
    }
  }
  return {
    kind: "object",
    entries,
    trailing: ownExpression?.kind === "object" ? ownExpression.trailing : [],
    expanded: key === "jobs" || (ownExpression?.kind === "object" && ownExpression.expanded),
  };
}

// The modules' values of `sub` that GitLab merges: the mappings after the last value that is not one.
function subParts(parts: readonly Part[], sub: string): Part[] {
  const values = parts
    .filter((part) => Object.hasOwn(part.value as object, sub))
    .map((part) => ({
      ref: `${part.ref}${access(sub)}`,
      value: (part.value as Record<string, unknown>)[sub],
    }));
  return mergedTail(values);
}

// What GitLab merges of `parts`: the mappings after the last value that is not one, less those a
// later one already holds (a file included directly and again by another): deep merge is
// associative, so merging `a` then `b` is merging `b` alone when `b` is `a` merged with more.
function mergedTail(parts: readonly Part[]): Part[] {
  const tail = parts.slice(lastNonMap(parts) + 1);
  return tail.filter(
    (part, i) =>
      !tail
        .slice(i + 1)
        .some((later) =>
          isDeepStrictEqual(merge(part.value as object, later.value as object), later.value),
        ),
  );
}

function lastNonMap(parts: readonly Part[]): number {
  for (let i = parts.length - 1; i >= 0; i--) if (!isMap(parts[i]!.value)) return i;
  return -1;
}

// The data the composed object holds: GitLab's deep merge (core's `merge`), `include` lists joined.
function mergedData(own: Sections, modules: readonly IncludedModule[]): Sections {
  let result: Record<string, unknown> = {};
  for (const data of [...modules.map((m) => m.data), own]) {
    const { include: _, ...rest } = data;
    result = merge(result, rest) as Record<string, unknown>;
  }
  const include = [
    ...includingModules(modules).flatMap((m) => m.data.include as unknown[]),
    ...(own.include === undefined ? [] : [own.include].flat()),
  ];
  return include.length > 0 ? { include, ...result } : result;
}

/** A YAML mapping read as data (not a list, a scalar or a `!reference`). */
export function isMap(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !isTaggedValue(value)
  );
}
