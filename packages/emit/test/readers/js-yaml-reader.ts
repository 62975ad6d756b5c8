import { DEFAULT_SCHEMA, loadAll, Type } from "js-yaml";
import { yamlTag } from "../../src/index.js";
import type { YamlReader } from "./yaml-reader.js";

// DEFAULT_SCHEMA is YAML 1.2's core schema plus timestamps and merge keys, so a date-like or
// "<<" string that we failed to quote comes back as something else and the test fails.
const schema = DEFAULT_SCHEMA.extend([
  new Type("!reference", {
    kind: "sequence",
    construct: (items: string[]) => yamlTag("!reference", items),
  }),
]);

/** js-yaml 4 (YAML 1.2), with `!reference` read back as a tagged value. */
export const jsYamlReader: YamlReader = {
  name: "js-yaml (YAML 1.2)",
  readAll: async (text) => loadAll(text, undefined, { schema }),
};
