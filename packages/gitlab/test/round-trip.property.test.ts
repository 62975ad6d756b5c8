import type { Pipeline } from "@pipecraft/core";
import { yamlTag } from "@pipecraft/emit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGitlabYaml, synthGitlab } from "../src/index.js";
import { isTopLevelKeyword } from "../src/top-level-keywords.js";

// Job names and values of any shape the emitter can write: the target must neither lose nor
// change them on the way to YAML and back (as GitLab's reader sees them: YAML 1.1).
const text = fc.string({
  unit: fc.constantFrom("a", "1", ".", ":", " ", "-", "\n", "'", "#", "y", "é"),
});
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(text, tie("value"), { maxKeys: 3 }),
    fc.array(text, { minLength: 1, maxLength: 2 }).map((keys) => yamlTag("!reference", keys)),
  ),
}));
const jobName = text.filter((name) => name !== "" && !isTopLevelKeyword(name));
const job = fc.dictionary(
  fc.constantFrom("stage", "script", "variables", "x_custom", "rules"),
  value,
);
const pipeline = fc.record(
  {
    stages: fc.array(text, { minLength: 1, maxLength: 3 }),
    variables: fc.dictionary(text, text, { maxKeys: 3 }),
    jobs: fc.dictionary(jobName, job, { maxKeys: 4 }),
  },
  { requiredKeys: ["jobs"] },
);

describe("parseGitlabYaml(synthGitlab(p)) gives p back", () => {
  it("for arbitrary job names and values", () => {
    fc.assert(
      fc.property(pipeline, (p) => {
        expect(parseGitlabYaml(synthGitlab(p as Pipeline).output ?? "")).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });
});
