import { createRequire } from "node:module";
import type { Diagnostic, Pipeline } from "@pipecraft/core";
import type * as Yaml from "yaml";
import { duplicateKeys } from "./duplicate-keys.js";
import { gitlabYamlTags } from "./gitlab-yaml-tags.js";
import { isTopLevelKeyword } from "./top-level-keywords.js";
import type { ReadYamlFile } from "./yaml-place.js";

function isMap(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

// An empty document (a file of comments) reads as null: GitLab treats it as no keys.
function documentMap(doc: unknown, index: number): Record<string, unknown> {
  if (doc === null || doc === undefined) return {};
  if (!isMap(doc)) throw new Error(`parseGitlabYaml: document ${index + 1} is not a mapping`);
  return doc;
}

// `yaml` (72 files) is loaded on the first parse, not with the package: every synth imports this
// package, and only `parseGitlabYaml` (import of an existing .gitlab-ci.yml) reads YAML. A
// synchronous require keeps `parseGitlabYaml` synchronous; under Node's `node` export condition
// it is the same CommonJS build an `import` would load.
let yaml: typeof Yaml | undefined;
/** The `yaml` module, loaded on first use. */
export function yamlModule(): typeof Yaml {
  yaml ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return yaml;
}

// Duplicate keys are read as GitLab's reader (Ruby's Psych) reads them: the last one wins.
function readDocuments(
  text: string,
  file: string,
): { docs: Record<string, unknown>[]; diagnostics: Diagnostic[]; read: ReadYamlFile } {
  const yaml = yamlModule();
  const lineCounter = new yaml.LineCounter();
  const docs = yaml.parseAllDocuments(text, {
    version: "1.1",
    customTags: gitlabYamlTags,
    uniqueKeys: false,
    lineCounter,
  });
  // An empty or comment-only file is an empty stream rather than a list of documents.
  if (!Array.isArray(docs)) {
    return { docs: [], diagnostics: [], read: { file, documents: [], lineCounter } };
  }
  const diagnostics = docs.flatMap((doc) =>
    duplicateKeys(doc.contents, yaml, (offset) => lineCounter.linePos(offset), file),
  );
  const maps = docs.map((doc, i) => {
    const [error] = doc.errors;
    if (error) throw new Error(`parseGitlabYaml: ${error.message}`, { cause: error });
    return documentMap(doc.toJS(), i);
  });
  return { docs: maps, diagnostics, read: { file, documents: docs, lineCounter } };
}

/**
 * Reads a `.gitlab-ci.yml` (YAML 1.1 as GitLab reads it, `!reference` tags, an optional
 * `spec` header document, the last of duplicate keys) into the model's shape. Values are not
 * validated: run `validatePipeline` on the result for that. `resolveLocalIncludes` also reports
 * what the reader noticed (duplicate keys).
 */
export function parseGitlabYaml(text: string): Pipeline {
  const { header, body } = readGitlabFile(text);
  return toPipeline(header, body);
}

/**
 * The header (`spec`, when the file has two documents) and the main document of a file, and
 * what the reader noticed on the way (duplicate keys, as warnings).
 */
export type GitlabFile = {
  header: { spec?: unknown } | undefined;
  body: Record<string, unknown>;
  diagnostics: Diagnostic[];
  /** The parsed Documents and their line counter, to place a path (`yamlPlace`). */
  read?: ReadYamlFile;
};

/**
 * Reads a file into its header and main document, as GitLab's loader splits them. `file` names
 * it in diagnostics (`ci/build.yml:12`).
 */
export function readGitlabFile(text: string, file = ".gitlab-ci.yml"): GitlabFile {
  const { docs, diagnostics, read } = readDocuments(text, file);
  if (docs.length > 2) {
    throw new Error(
      `parseGitlabYaml: ${docs.length} documents; GitLab reads a spec header and one more`,
    );
  }
  const [header, body] = docs.length === 2 ? docs : [undefined, docs[0] ?? {}];
  if (header !== undefined && Object.keys(header).some((key) => key !== "spec")) {
    throw new Error("parseGitlabYaml: the first of two documents may only hold `spec`");
  }
  return { header, body: body!, diagnostics, read };
}

/** A main document (and header) in the model's shape: keywords at the top, jobs under `jobs`. */
export function toPipeline(
  header: GitlabFile["header"],
  body: Readonly<Record<string, unknown>>,
): Pipeline {
  const pipeline: Record<string, unknown> = {};
  if (header?.spec !== undefined) pipeline.spec = header.spec;
  const jobs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (isTopLevelKeyword(key)) pipeline[key] = value;
    else jobs[key] = value;
  }
  pipeline.jobs = jobs;
  // The shape is the model's; the values are as written and unchecked (see above).
  return pipeline as Pipeline;
}
