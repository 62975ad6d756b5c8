import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parseGitlabYaml, synthGitlab } from "../src/index.js";

// GitLab's own CI templates, beside the repository (see DESIGN.md); absent in a user's clone.
const CORPUS = join(import.meta.dirname, "../../../../shared/corpus/gitlab-templates");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return entry.name.endsWith(".yml") || entry.name.endsWith(".yaml") ? [path] : [];
  });
}

const files = existsSync(CORPUS) ? yamlFiles(CORPUS) : [];
if (files.length === 0) console.warn(`GitLab template corpus not found at ${CORPUS}: skipped`);

describe.runIf(files.length > 0)("GitLab's templates survive parse → synth → parse", () => {
  it.each(files.map((f) => [relative(CORPUS, f), f]))("%s", (_, file) => {
    const pipeline = parseGitlabYaml(readFileSync(file, "utf8"));
    const text = synthGitlab(pipeline).output ?? "";
    expect(parseGitlabYaml(text)).toEqual(pipeline);
    expect(synthGitlab(parseGitlabYaml(text)).output).toBe(text);
  });
});
