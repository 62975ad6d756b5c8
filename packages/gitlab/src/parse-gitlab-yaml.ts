import { createRequire } from "node:module";
import type { Pipeline } from "@pipecraft/core";
import type * as Yaml from "yaml";
import { gitlabYamlTags } from "./gitlab-yaml-tags.js";
import { isTopLevelKeyword } from "./top-level-keywords.js";

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
function yamlModule(): typeof Yaml {
  yaml ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return yaml;
}

function readDocuments(text: string): Record<string, unknown>[] {
  const docs = yamlModule().parseAllDocuments(text, { version: "1.1", customTags: gitlabYamlTags });
  // An empty or comment-only file is an empty stream rather than a list of documents.
  if (!Array.isArray(docs)) return [];
  return docs.map((doc, i) => {
    const [error] = doc.errors;
    if (error) throw new Error(`parseGitlabYaml: ${error.message}`, { cause: error });
    return documentMap(doc.toJS(), i);
  });
}

/**
 * Reads a `.gitlab-ci.yml` (YAML 1.1 as GitLab reads it, `!reference` tags, an optional
 * `spec` header document) into the model's shape. Values are not validated: run
 * `validatePipeline` on the result for that.
 */
export function parseGitlabYaml(text: string): Pipeline {
  const { header, body } = readGitlabFile(text);
  return toPipeline(header, body);
}

/** The header (`spec`, when the file has two documents) and the main document of a file. */
export type GitlabFile = { header: { spec?: unknown } | undefined; body: Record<string, unknown> };

/** Reads a file into its header and main document, as GitLab's loader splits them. */
export function readGitlabFile(text: string): GitlabFile {
  const docs = readDocuments(text);
  if (docs.length > 2) {
    throw new Error(
      `parseGitlabYaml: ${docs.length} documents; GitLab reads a spec header and one more`,
    );
  }
  const [header, body] = docs.length === 2 ? docs : [undefined, docs[0] ?? {}];
  if (header !== undefined && Object.keys(header).some((key) => key !== "spec")) {
    throw new Error("parseGitlabYaml: the first of two documents may only hold `spec`");
  }
  return { header, body: body! };
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
