// Reads a `.gitlab-ci.yml` as GitLab does (YAML 1.1, Psych's booleans, `!reference`), keeping
// the Document tree: anchors, aliases, merge keys and comments survive for the importer.
import { gitlabYamlTags } from "@pipecraft/gitlab";
import { type Document, LineCounter, parseAllDocuments } from "yaml";
import { ImportProblem } from "./import-problem.js";

/** The documents of a file and the line table that places its nodes. */
export type YamlFile = { readonly documents: readonly Document[]; readonly lines: LineCounter };

/** Parses `text`; a syntax error stops the import at its line. */
export function readYaml(text: string): YamlFile {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, {
    version: "1.1",
    customTags: gitlabYamlTags,
    // GitLab's reader keeps the last of repeated keys; the importer warns about them.
    uniqueKeys: false,
    lineCounter: lines,
  });
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const document of documents) {
    const [error] = document.errors;
    if (error !== undefined) {
      const place = error.linePos?.[0] ?? { line: 0, col: 0 };
      // The place is printed before the message; the library repeats it at the end.
      const reason = (error.message.split("\n")[0] ?? "").replace(
        / at line \d+, column \d+:?$/,
        "",
      );
      throw new ImportProblem(
        "import/yaml-syntax",
        { line: place.line, column: place.col },
        reason,
      );
    }
  }
  return { documents, lines };
}
