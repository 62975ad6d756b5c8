import fc from "fast-check";
import {
  formatDiagnostic,
  type Pipeline,
  parseGitlabYaml,
  pipeline,
  synthGitlab,
  validatePipeline,
} from "pipecraft";
import { describe, expect, it } from "vitest";
import { validateAgainstGitlabSchema } from "../consumers/gitlab-schema.js";
import { gitlabSchemaPath, sharedMissingReason } from "../consumers/shared-data.js";
import { type GeneratedPipelineInput, validPipelineInput } from "./pipeline-arbitrary.js";

/** Validates a generated input, failing with the diagnostics when pipecraft rejects it. */
function validModel(input: GeneratedPipelineInput): Pipeline {
  const { pipeline: model, diagnostics } = validatePipeline(pipeline(input));
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (model === undefined || errors.length > 0) {
    throw new Error(
      `rejected a valid pipeline:\n${errors.map((d) => formatDiagnostic(d)).join("\n")}`,
    );
  }
  return model;
}

describe("random valid pipelines", () => {
  it("validate, synthesize, and read back as the same model", () => {
    fc.assert(
      fc.property(validPipelineInput, (input) => {
        const model = validModel(input);
        const yaml = synthGitlab(model, { sourceFile: "pipeline.ts" });
        expect(parseGitlabYaml(yaml)).toEqual(model);
        // Same model, same bytes.
        expect(synthGitlab(model, { sourceFile: "pipeline.ts" })).toBe(yaml);
      }),
      { numRuns: 300 },
    );
  });

  const missing = sharedMissingReason(gitlabSchemaPath);
  it.skipIf(missing !== undefined)("50 of them validate against GitLab's CI schema", () => {
    fc.assert(
      fc.property(validPipelineInput, (input) => {
        const yaml = synthGitlab(validModel(input), { sourceFile: "pipeline.ts" });
        expect(validateAgainstGitlabSchema(yaml)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
