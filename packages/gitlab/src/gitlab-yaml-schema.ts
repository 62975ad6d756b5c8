import { yamlTag } from "@pipecraft/emit";
import { CORE_SCHEMA, type Schema, Type } from "js-yaml";

// GitLab reads `.gitlab-ci.yml` with Ruby's Psych: YAML 1.1 booleans, merge keys, and its own
// `!reference` tag. YAML 1.2's core schema plus these three reads GitLab files as GitLab does
// in every case that matters for CI configuration; timestamps and 1.1's sexagesimal numbers
// are left as strings, which is what every GitLab keyword wants anyway.

// Psych's booleans: yes/true/on and no/false/off in any case ("y" and "n" stay strings).
const TRUE = /^(?:yes|true|on)$/i;
const FALSE = /^(?:no|false|off)$/i;

const bool11 = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (data: string) => TRUE.test(data) || FALSE.test(data),
  construct: (data: string) => TRUE.test(data),
  predicate: (x: object) => typeof x === "boolean",
});

// js-yaml merges a mapping into its parent when the key resolves to this tag.
const merge = new Type("tag:yaml.org,2002:merge", {
  kind: "scalar",
  resolve: (data: string) => data === "<<",
});

const reference = new Type("!reference", {
  kind: "sequence",
  construct: (items: string[]) => yamlTag("!reference", items),
});

/** The js-yaml schema GitLab files are read with. */
export const gitlabYamlSchema: Schema = CORE_SCHEMA.extend({
  implicit: [bool11, merge],
  explicit: [reference],
});
