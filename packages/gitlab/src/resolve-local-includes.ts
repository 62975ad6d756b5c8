import {
  type Diagnostic,
  errorDiagnostic,
  evaluateExpression,
  globRegExp,
  type InputDeclarations,
  interpolateInputs,
  isPresent,
  type Pipeline,
  parseExpression,
  RULES_GLOB,
  resolveInputValues,
} from "@pipecraft/core";
import { isTaggedValue } from "@pipecraft/emit";
import { type GitlabFile, readGitlabFile, toPipeline, yamlModule } from "./parse-gitlab-yaml.js";
import { type PathSegment, type ReadYamlFile, type YamlPlace, yamlPlace } from "./yaml-place.js";

/** Where `include: local` files come from: the repository, read by the caller. */
export interface LocalIncludeSource {
  /** The text of a file, by its path from the repository root (no leading `/`), or undefined. */
  readFile(path: string): string | undefined;
  /** Every file of the repository, by path from its root (for wildcards and `rules:exists`). */
  files(): readonly string[];
  /** CI/CD variables for `rules:if` of includes (default: none). */
  readonly variables?: Readonly<Record<string, string>>;
  /** How diagnostics name the including file itself (default: `.gitlab-ci.yml`). */
  readonly file?: string;
  /**
   * The text of a `remote` or `template` include that the caller fetched beforehand (`validate
   * --resolve-includes`), merged like a local file; undefined (or no function, as at synth)
   * leaves it unresolved.
   */
  fetched?(include: FetchableInclude): string | undefined;
}

/** A `remote` (an https URL) or `template` (a GitLab template name) include. */
export type FetchableInclude = { kind: "remote" | "template"; location: string };

/**
 * The merged pipeline, what was found on the way, and the `remote` and `template` includes met
 * that `fetched` did not provide (for a caller that fetches them and resolves again).
 */
export type LocalIncludeResult = {
  pipeline: Pipeline;
  diagnostics: Diagnostic[];
  unfetched: FetchableInclude[];
  /**
   * Where a path into `pipeline` (a diagnostic's, parsed) was written: the file that gave the
   * merged value (the including file or an included one), line and column; anchors followed.
   */
  place(path: readonly PathSegment[]): YamlPlace | undefined;
};

// GitLab's limits: 150 included files per pipeline, nested 150 deep.
const MAX_INCLUDES = 150;

/**
 * Reads a `.gitlab-ci.yml` with its `include: local` files merged as GitLab merges them: each
 * included file (wildcards expanded, `rules` evaluated, `inputs` interpolated, its own includes
 * merged first) is deep-merged in order, and the including file on top, so what it says wins.
 * Other includes (`template`, `project`, `remote`, `component`) stay in `include`, unresolved,
 * except `remote` and `template` files the caller fetched (`source.fetched`), merged alike.
 * A key a file repeats is read as GitLab reads it (the last one wins), with a warning.
 */
export function resolveLocalIncludes(text: string, source: LocalIncludeSource): LocalIncludeResult {
  const diagnostics: Diagnostic[] = [];
  const unfetched: FetchableInclude[] = [];
  // Every file read, each after the files it includes: the later, the higher it wins.
  const read: ReadYamlFile[] = [];
  let count = 0;
  const load = (file: GitlabFile, chain: readonly string[]): Record<string, unknown> => {
    const entries = includeEntries(file.body.include);
    const kept: unknown[] = [];
    let merged: Record<string, unknown> = {};
    entries.forEach((entry, i) => {
      const at = `include[${i}]`;
      const local = localPath(entry);
      if (local === undefined) {
        const fetchable = fetchableOf(entry);
        if (fetchable === undefined || source.fetched === undefined) {
          kept.push(entry);
          return;
        }
        if (!rulesInclude(entry, source)) return;
        const text = source.fetched(fetchable);
        if (text === undefined) {
          unfetched.push(fetchable);
          kept.push(entry);
          return;
        }
        const name = fetchable.location;
        if (chain.includes(name)) {
          diagnostics.push(
            errorDiagnostic("include/cycle", at, `include cycle: ${[...chain, name].join(" → ")}`),
          );
          return;
        }
        if (++count > MAX_INCLUDES) {
          diagnostics.push(
            errorDiagnostic("include/too-many", at, `more than ${MAX_INCLUDES} included files`),
          );
          return;
        }
        const included = readIncluded(text, name);
        diagnostics.push(...included.diagnostics);
        const { body, read } = withInputs(included, inputsOf(entry), i, name, diagnostics);
        merged = deepMerge(
          merged,
          load({ header: undefined, body, diagnostics: [], read }, [...chain, name]),
        );
        return;
      }
      if (!rulesInclude(entry, source)) return;
      const paths = matchingPaths(local, source);
      if (paths.length === 0) {
        diagnostics.push(
          errorDiagnostic(
            "include/not-found",
            at,
            `local include ${JSON.stringify(local)} matches no file in the repository`,
          ),
        );
        return;
      }
      for (const path of paths) {
        if (chain.includes(path)) {
          diagnostics.push(
            errorDiagnostic("include/cycle", at, `include cycle: ${[...chain, path].join(" → ")}`),
          );
          continue;
        }
        if (++count > MAX_INCLUDES) {
          diagnostics.push(
            errorDiagnostic("include/too-many", at, `more than ${MAX_INCLUDES} included files`),
          );
          return;
        }
        const included = readIncluded(source.readFile(path) ?? "", path);
        diagnostics.push(...included.diagnostics);
        const { body, read } = withInputs(included, inputsOf(entry), i, path, diagnostics);
        merged = deepMerge(
          merged,
          load({ header: undefined, body, diagnostics: [], read }, [...chain, path]),
        );
      }
    });
    const { include: _, ...own } = file.body;
    const result = deepMerge(merged, own);
    // GitLab merges what the files include; only the unresolved includes remain to be listed.
    const rest = [...includeEntries(merged.include), ...kept];
    delete result.include;
    if (rest.length > 0) result.include = rest;
    if (file.read !== undefined) read.push(file.read);
    return result;
  };
  const root = readGitlabFile(text, source.file);
  diagnostics.push(...root.diagnostics);
  const body = load(root, []);
  if (Array.isArray(body.include) && body.include.length === 0) delete body.include;
  const byPriority = read.toReversed();
  return {
    pipeline: toPipeline(root.header, body),
    diagnostics,
    unfetched,
    place: (path) => yamlPlace(yamlModule(), byPriority, path),
  };
}

// An included file that is not valid YAML stops the reading, naming the file.
function readIncluded(text: string, name: string): GitlabFile {
  try {
    return readGitlabFile(text, name);
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    throw new Error(`${name}: ${message.replace(/^parseGitlabYaml: /, "")}`, { cause: thrown });
  }
}

// `remote: https://…` (or the URL alone) and `template: Name.gitlab-ci.yml`.
function fetchableOf(entry: unknown): FetchableInclude | undefined {
  if (typeof entry === "string") {
    return /^https?:\/\//.test(entry) ? { kind: "remote", location: entry } : undefined;
  }
  if (!isMap(entry)) return undefined;
  if (typeof entry.remote === "string") return { kind: "remote", location: entry.remote };
  if (typeof entry.template === "string") return { kind: "template", location: entry.template };
  return undefined;
}

function includeEntries(include: unknown): unknown[] {
  if (include === undefined || include === null) return [];
  return Array.isArray(include) ? include.flat() : [include];
}

function localPath(entry: unknown): string | undefined {
  if (typeof entry === "string") return /^https?:\/\//.test(entry) ? undefined : entry;
  if (isMap(entry) && typeof entry.local === "string") return entry.local;
  return undefined;
}

function inputsOf(entry: unknown): Record<string, unknown> {
  return isMap(entry) && isMap(entry.inputs) ? entry.inputs : {};
}

// `local: configs/*.yml` and `configs/**.yml`: wildcards match files of the repository.
function matchingPaths(local: string, source: LocalIncludeSource): string[] {
  const path = local.replace(/^\/+/, "");
  if (!/[*?[{]/.test(path)) return source.readFile(path) === undefined ? [] : [path];
  const pattern = globRegExp(path, RULES_GLOB);
  return source
    .files()
    .filter((file) => pattern.test(file))
    .sort();
}

// `include:rules`: the first rule whose conditions hold decides; none, and the file is left out.
function rulesInclude(entry: unknown, source: LocalIncludeSource): boolean {
  if (!isMap(entry) || !Array.isArray(entry.rules)) return true;
  for (const rule of entry.rules.flat()) {
    if (!isMap(rule)) continue;
    if (typeof rule.if === "string") {
      const parsed = parseExpression(rule.if);
      if (!("ast" in parsed)) continue;
      const { value } = evaluateExpression(parsed.ast, { variables: source.variables ?? {} });
      if (!isPresent(value)) continue;
    }
    if (rule.exists !== undefined) {
      const globs = Array.isArray(rule.exists)
        ? rule.exists
        : isMap(rule.exists) && Array.isArray(rule.exists.paths)
          ? rule.exists.paths
          : [];
      const files = source.files();
      const found = globs.some(
        (glob) =>
          typeof glob === "string" && files.some((file) => globRegExp(glob, RULES_GLOB).test(file)),
      );
      if (!found) continue;
    }
    return rule.when !== "never";
  }
  return false;
}

// An included file with a `spec` header has its `$[[ inputs.x ]]` filled in from the include
// (its keys too, for placing a path).
function withInputs(
  file: GitlabFile,
  given: Record<string, unknown>,
  index: number,
  path: string,
  diagnostics: Diagnostic[],
): Pick<GitlabFile, "body" | "read"> {
  const spec = file.header?.spec;
  if (!isMap(spec)) return file;
  const declared = (isMap(spec.inputs) ? spec.inputs : {}) as InputDeclarations;
  const values = resolveInputValues(declared, given, ["include", index, "inputs"]);
  const interpolated = interpolateInputs(file.body, values.values);
  diagnostics.push(...values.diagnostics);
  for (const found of interpolated.diagnostics) {
    diagnostics.push({ ...found, path: found.path === "" ? path : `${path}: ${found.path}` });
  }
  // A key written `hello-$[[ inputs.name ]]` is placed under the name it became.
  const read = file.read && {
    ...file.read,
    key: (written: string) => {
      const key = interpolateInputs(written, values.values).value;
      return typeof key === "string" ? key : written;
    },
  };
  return { body: interpolated.value as Record<string, unknown>, read };
}

/** GitLab's deep merge: maps merge key by key, anything else from `over` replaces. */
function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = isMap(current) && isMap(value) ? deepMerge(current, value) : value;
  }
  return result;
}

function isMap(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !isTaggedValue(x);
}
