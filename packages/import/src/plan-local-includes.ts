// Which `include` entries of a file the import turns into modules: `include: local` files
// (wildcards expanded), read from the project. An entry with `rules` or `inputs`, or naming a file
// with a `spec` header, stays an `include` (GitLab decides or fills it in when the pipeline is
// created), with a warning; `template`, `project`, `remote` and `component` stay as written.
import { posix } from "node:path";
import { globRegExp, RULES_GLOB } from "@pipecraft/core";
import type { LocalIncludeSource } from "@pipecraft/gitlab";
import { type Document, isMap, isPair, isScalar, isSeq, type Node, parseAllDocuments } from "yaml";
import { ImportProblem } from "./import-problem.js";
import { type Conversion, keyOf, placeOf } from "./yaml-to-expression.js";

/** One entry of `include`: the files it imports as modules, or undefined when it is kept. */
export type PlannedInclude = { readonly node: Node; readonly paths: readonly string[] | undefined };

/**
 * The entries of the `include` of `document` (the file `file`, included through `chain`), in
 * order. Without a `source` every entry is kept, as the file has no project to read from.
 */
export function planLocalIncludes(
  conversion: Conversion,
  document: Document,
  file: string,
  chain: readonly string[],
  source: LocalIncludeSource | undefined,
): PlannedInclude[] {
  const value = includeNode(conversion, document);
  if (value === undefined) return [];
  const items = isSeq(value) ? (value.items as Node[]) : [value];
  return items.map((node) => ({
    node,
    paths: source === undefined ? undefined : localPaths(conversion, node, file, chain, source),
  }));
}

function includeNode(conversion: Conversion, document: Document): Node | undefined {
  const contents = document.contents;
  if (!isMap(contents)) return undefined;
  let found: Node | undefined;
  for (const pair of contents.items) {
    if (isPair(pair) && keyOf(conversion, pair) === "include") found = pair.value as Node;
  }
  return found ?? undefined;
}

function localPaths(
  conversion: Conversion,
  node: Node,
  file: string,
  chain: readonly string[],
  source: LocalIncludeSource,
): string[] | undefined {
  const entry: unknown = node.toJS(conversion.document, { maxAliasCount: -1 });
  const local =
    typeof entry === "string"
      ? /^https?:\/\//.test(entry)
        ? undefined
        : entry
      : typeof entry === "object" && entry !== null && !Array.isArray(entry)
        ? (entry as Record<string, unknown>).local
        : undefined;
  if (typeof local !== "string") return undefined;
  const shown = JSON.stringify(local);
  const keptFor = (["rules", "inputs"] as const).find(
    (key) => typeof entry === "object" && entry !== null && key in entry,
  );
  if (keptFor !== undefined) {
    warnKept(conversion, node, `include: local ${shown} has ${keptFor}; ${keptReason(keptFor)}`);
    return undefined;
  }
  const path = posix.normalize(local.replace(/^\/+/, ""));
  if (path === ".." || path.startsWith("../")) {
    throw new ImportProblem(
      "import/include-outside-project",
      placeOf(conversion, node),
      `include: local ${shown} is outside the project; local paths start at the project root (the folder of ${chain[0] ?? file})`,
    );
  }
  const paths = /[*?[{]/.test(path)
    ? source
        .files()
        .filter((candidate) => globRegExp(path, RULES_GLOB).test(candidate))
        .sort()
    : source.readFile(path) === undefined
      ? []
      : [path];
  if (paths.length === 0) {
    throw new ImportProblem(
      "include/not-found",
      placeOf(conversion, node),
      `include: local ${shown} matches no file in the project; local paths start at the project root (the folder of ${chain[0] ?? file})`,
    );
  }
  for (const path of paths) {
    if (path === file || chain.includes(path)) {
      throw new ImportProblem(
        "include/cycle",
        placeOf(conversion, node),
        `include cycle: ${[...chain, file, path].join(" → ")}; a file cannot include itself, even through others`,
      );
    }
  }
  const withHeader = paths.find((path) => hasSpecHeader(source.readFile(path) ?? ""));
  if (withHeader !== undefined) {
    warnKept(
      conversion,
      node,
      `include: local ${shown}: ${withHeader} has a spec header; kept as an include, whose inputs GitLab fills in when the pipeline is created (not imported as a module)`,
    );
    return undefined;
  }
  return paths;
}

function keptReason(key: "rules" | "inputs"): string {
  return key === "rules"
    ? "kept as an include, for GitLab to decide when the pipeline is created (not imported as a module)"
    : "kept as an include, whose inputs GitLab fills in when the pipeline is created (not imported as a module)";
}

function warnKept(conversion: Conversion, node: Node, message: string): void {
  conversion.diagnostics.push({
    code: "import/include-kept",
    severity: "warning",
    message,
    ...placeOf(conversion, node),
  });
}

// Two documents, the first a mapping with `spec`: GitLab's header of a file with inputs.
function hasSpecHeader(text: string): boolean {
  const documents = parseAllDocuments(text, { version: "1.1" });
  if (!Array.isArray(documents) || documents.length < 2) return false;
  const header = documents[0]?.contents;
  return (
    isMap(header) && header.items.some((pair) => isScalar(pair.key) && pair.key.value === "spec")
  );
}
