import { DEFAULT_SCHEMA, loadAll, Type } from "js-yaml";

/**
 * js-yaml schema for `.gitlab-ci.yml`: GitLab's `!reference [job, key]` tag is read as the plain
 * sequence it carries, which is how editors validate such files against GitLab's schema.
 */
export const gitlabYamlSchema = DEFAULT_SCHEMA.extend([
  new Type("!reference", { kind: "sequence", construct: (data: unknown) => data ?? [] }),
]);

/** Every document of a `.gitlab-ci.yml` text, read independently of pipecraft's own parser. */
export function loadGitlabYamlDocuments(yamlText: string): unknown[] {
  return loadAll(yamlText, undefined, { schema: gitlabYamlSchema }).filter(
    (document) => document !== null && document !== undefined,
  );
}
