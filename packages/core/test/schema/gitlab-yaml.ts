import { yamlTag } from "@pipecraft/emit";
import yaml from "js-yaml";
import { topLevelKeywords } from "../../src/schema/index.js";

const referenceType = new yaml.Type("!reference", {
  kind: "sequence",
  construct: (data: string[]) => yamlTag("!reference", data),
});

const schema = yaml.DEFAULT_SCHEMA.extend([referenceType]);

/** Reads a `.gitlab-ci.yml` (optionally with a `spec` header document) into the model's shape. */
export function readGitlabYaml(text: string): Record<string, unknown> {
  const documents = yaml.loadAll(text, undefined, { schema }) as Record<string, unknown>[];
  const [first, second] = documents;
  const header = second === undefined ? {} : (first ?? {});
  const main = (second ?? first ?? {}) as Record<string, unknown>;
  const keywords = new Set<string>(topLevelKeywords);
  const pipeline: Record<string, unknown> = { ...header };
  const jobs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(main)) {
    if (keywords.has(key)) pipeline[key] = value;
    else jobs[key] = value;
  }
  return { ...pipeline, jobs };
}
