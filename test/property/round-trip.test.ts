import fc from "fast-check";
import { load } from "js-yaml";
import {
  formatDiagnostic,
  type Pipeline,
  parseGitlabYaml,
  pipeline,
  synthGitlab,
  validatePipeline,
} from "pipecraft";
import { describe, expect, it } from "vitest";
import {
  createCiRepository,
  previewConfiguration,
  removeCiRepository,
} from "../consumers/gitlab-ci-local.js";
import { validateAgainstGitlabSchema } from "../consumers/gitlab-schema.js";
import { effectiveStages, modelJobShapes, previewJobShapes } from "../consumers/job-graph.js";
import { gitlabSchemaPath, sharedMissingReason } from "../support/shared.js";
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
        const yaml = synthGitlab(model, { sourceFile: "pipeline.ts" }).output ?? "";
        expect(parseGitlabYaml(yaml)).toEqual(model);
        // Same model, same bytes.
        expect(synthGitlab(model, { sourceFile: "pipeline.ts" }).output).toBe(yaml);
      }),
      { numRuns: 300 },
    );
  });

  const missing = sharedMissingReason(gitlabSchemaPath);
  it.skipIf(missing !== undefined)("50 of them validate against GitLab's CI schema", () => {
    fc.assert(
      fc.property(validPipelineInput, (input) => {
        const yaml = synthGitlab(validModel(input), { sourceFile: "pipeline.ts" }).output ?? "";
        expect(validateAgainstGitlabSchema(yaml)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});

// An independent reader: gitlab-ci-local expands a few random files (slow: one process each)
// and must see the stages, jobs and needs pipecraft's model has.
describe("random valid pipelines under gitlab-ci-local", () => {
  it("--preview agrees with the model on stages, jobs and needs", async () => {
    await fc.assert(
      fc.asyncProperty(validPipelineInput, async (input) => {
        const model = validModel(input);
        const repo = await createCiRepository({
          ".gitlab-ci.yml": synthGitlab(model, { sourceFile: "pipeline.ts" }).output ?? "",
        });
        try {
          const preview = load(await previewConfiguration(repo)) as Record<string, unknown>;
          expect(preview.stages).toEqual(effectiveStages(model));
          expect(previewJobShapes(preview)).toEqual(modelJobShapes(model));
        } finally {
          await removeCiRepository(repo);
        }
      }),
      { numRuns: 5 },
    );
  });
});
