import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  gitlabTemplatesDir,
  sharedMissingReason,
  yamlFilesUnder,
} from "../../../test/support/shared.js";
import { parseGitlabYaml, synthGitlab } from "../src/index.js";

const missing = sharedMissingReason(gitlabTemplatesDir);
if (missing !== undefined) console.warn(`GitLab template round trips ${missing}`);
const files = missing === undefined ? yamlFilesUnder(gitlabTemplatesDir) : [];

describe.skipIf(missing !== undefined)("GitLab's templates survive parse → synth → parse", () => {
  it.each(files.map((f) => [relative(gitlabTemplatesDir, f), f]))("%s", (_, file) => {
    const pipeline = parseGitlabYaml(readFileSync(file, "utf8"));
    const text = synthGitlab(pipeline).output ?? "";
    expect(parseGitlabYaml(text)).toEqual(pipeline);
    expect(synthGitlab(parseGitlabYaml(text)).output).toBe(text);
  });
});
