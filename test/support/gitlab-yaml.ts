// Reading `.gitlab-ci.yml` text with js-yaml, independently of pipecraft's own parser, in the two
// ways the tests need: as GitLab's schema and editors see it, and in the model's shape.
import { DEFAULT_SCHEMA, loadAll, Type } from "js-yaml";
import { topLevelKeywords } from "../../packages/core/src/index.js";
import { yamlTag } from "../../packages/emit/src/index.js";

/**
 * GitLab's `!reference [job, key]` read as the plain sequence it carries, which is how editors
 * validate such files against GitLab's schema.
 */
const schemaView = DEFAULT_SCHEMA.extend([
  new Type("!reference", { kind: "sequence", construct: (data: unknown) => data ?? [] }),
]);

/** `!reference` kept as the tagged value the model holds (what `reference()` returns). */
const modelView = DEFAULT_SCHEMA.extend([
  new Type("!reference", {
    kind: "sequence",
    construct: (data: string[]) => yamlTag("!reference", data),
  }),
]);

/** Every non-empty document of a `.gitlab-ci.yml` text, as GitLab's schema sees it. */
export function loadGitlabYamlDocuments(yamlText: string): unknown[] {
  return loadAll(yamlText, undefined, { schema: schemaView }).filter(
    (document) => document !== null && document !== undefined,
  );
}

/**
 * A `.gitlab-ci.yml` (optionally with a `spec` header document) in the model's shape: top-level
 * keywords at the top, every other key under `jobs`.
 */
export function readGitlabYaml(yamlText: string): Record<string, unknown> {
  const documents = loadAll(yamlText, undefined, { schema: modelView }) as Record<
    string,
    unknown
  >[];
  const [first, second] = documents;
  const header = second === undefined ? {} : (first ?? {});
  const main = (second ?? first ?? {}) as Record<string, unknown>;
  // `spec` is a keyword of the header document only; in the main document it is a job.
  const keywords = new Set<string>(topLevelKeywords.filter((keyword) => keyword !== "spec"));
  const pipeline: Record<string, unknown> = { ...header };
  const jobs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(main)) {
    if (keywords.has(key)) pipeline[key] = value;
    else jobs[key] = value;
  }
  return { ...pipeline, jobs };
}
