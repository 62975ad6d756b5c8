import { yamlTag } from "@pipecraft/emit";
import type { CollectionTag, ScalarTag, Tags } from "yaml";

// GitLab reads `.gitlab-ci.yml` with Ruby's Psych, a YAML 1.1 reader. The `yaml` package's
// 1.1 schema is close; these tags make it closer where a difference would change a value
// after an import: Psych's booleans (in any case; "y" and "n" stay strings, where 1.1 proper
// says booleans) and no timestamps (a date-like CI value is a string to every GitLab keyword,
// and a Date is not a value the model holds).
const BOOL = "tag:yaml.org,2002:bool";
const TIMESTAMP = "tag:yaml.org,2002:timestamp";

const psychTrue: ScalarTag = {
  tag: BOOL,
  default: true,
  test: /^(?:yes|true|on)$/i,
  resolve: () => true,
};

const psychFalse: ScalarTag = {
  tag: BOOL,
  default: true,
  test: /^(?:no|false|off)$/i,
  resolve: () => false,
};

/** GitLab's `!reference [job, key, …]`, read as the tagged value the emitter writes back. */
export const referenceTag: CollectionTag = {
  tag: "!reference",
  collection: "seq",
  resolve: (seq) => yamlTag("!reference", seq.toJSON() as string[]),
};

/** The `customTags` option that makes the `yaml` package's 1.1 schema read as GitLab does. */
export function gitlabYamlTags(tags: Tags): Tags {
  const kept = tags.filter((t) => {
    const tag = typeof t === "string" ? t : t.tag;
    return tag !== BOOL && tag !== TIMESTAMP;
  });
  return [...kept, psychTrue, psychFalse, referenceTag];
}
