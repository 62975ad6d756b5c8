import { isTaggedValue } from "@pipecraft/emit";
import { describe, expect, it } from "vitest";
import { isPipelineDefinition, pipeline } from "../../src/pipeline.js";
import { reference } from "../../src/reference.js";
import { jobSchema, pipelineSchema } from "../../src/schema/index.js";

describe("pipeline()", () => {
  const input = {
    stages: ["build", "test"],
    jobs: { build: { stage: "build", script: ["make"] }, test: { needs: ["build"], script: "t" } },
  } as const;

  it("returns plain data holding the input as written", () => {
    const definition = pipeline(input, { templates: "hidden" });
    expect(definition).toEqual({
      kind: "pipecraft.pipeline",
      input,
      options: { templates: "hidden" },
    });
    expect(definition.input).toBe(input);
    expect(pipeline({ jobs: {} }).options).toEqual({});
  });

  it("is recognised by isPipelineDefinition, and nothing else is", () => {
    expect(isPipelineDefinition(pipeline({ jobs: {} }))).toBe(true);
    for (const other of [null, undefined, "x", {}, { kind: "pipecraft.pipeline" }, input]) {
      expect(isPipelineDefinition(other)).toBe(false);
    }
  });
});

describe("reference()", () => {
  it("builds a !reference tag with the job and key path", () => {
    const value = reference(".setup", "script");
    expect(isTaggedValue(value)).toBe(true);
    expect(value).toMatchObject({ tag: "!reference", value: [".setup", "script"] });
  });

  it("is accepted where GitLab accepts !reference, and kept as is", () => {
    const job = {
      before_script: [reference(".setup", "before_script")],
      script: reference(".setup", "script"),
      variables: { A: reference(".vars", "variables", "A") },
    };
    expect(jobSchema.parse(job).script).toBe(job.script);
    const parsed = pipelineSchema.parse({
      variables: reference(".vars", "variables"),
      jobs: { a: job },
    });
    expect(isTaggedValue(parsed.variables)).toBe(true);
  });
});
