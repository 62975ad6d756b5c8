import { type CollectionTag, parseAllDocuments } from "yaml";
import { yamlTag } from "../../src/index.js";
import type { YamlReader } from "./yaml-reader.js";

const referenceTag: CollectionTag = {
  tag: "!reference",
  collection: "seq",
  resolve: (seq) => yamlTag("!reference", seq.toJSON() as string[]),
};

// The `yaml` package as it comes: in 1.1 mode it resolves everything 1.1 lists ("y" and "n"
// booleans, sexagesimals, timestamps as Dates, "<<" merges), the strictest reader we have.
function yamlPackageReader(version: "1.1" | "1.2"): YamlReader {
  return {
    name: `yaml package (YAML ${version})`,
    readAll: async (text) => {
      const docs = parseAllDocuments(text, { version, customTags: [referenceTag] });
      if (!Array.isArray(docs)) return [];
      return docs.map((doc) => {
        const [error] = [...doc.errors, ...doc.warnings];
        if (error) throw error;
        return doc.toJS();
      });
    },
  };
}

/** The `yaml` package reading YAML 1.1 and YAML 1.2. */
export const yamlPackageReaders: YamlReader[] = [
  yamlPackageReader("1.1"),
  yamlPackageReader("1.2"),
];
