import { describe, expect, it } from "vitest";
import { narrowIssues } from "../../src/diagnostics/issue-diagnostics.js";
import { jobSchema, pipelineSchema } from "../../src/schema/index.js";

const narrowed = (schema: typeof jobSchema | typeof pipelineSchema, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : narrowIssues(result.error.issues).map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("narrowIssues", () => {
  it("reports the object form a needs entry was meant to be", () => {
    expect(narrowed(jobSchema, { needs: [{ jbo: "build" }] })).toEqual([
      "needs.0.job: Invalid input: expected string, received undefined",
      'needs.0: Unrecognized key: "jbo"',
    ]);
  });

  it("reports a typo inside an object that may also be a string or a !reference", () => {
    expect(narrowed(jobSchema, { image: { nme: "node:22" } })).toEqual([
      "image.name: Invalid input: expected string, received undefined",
      'image: Unrecognized key: "nme"',
    ]);
  });

  it("reports a bad value deep inside nested unions", () => {
    expect(
      narrowed(pipelineSchema, { workflow: { rules: [{ when: "manual" }] }, jobs: {} }),
    ).toEqual(['workflow.rules.0.when: Invalid option: expected one of "always"|"never"']);
  });

  it("keeps refinement messages of the form that matched", () => {
    expect(narrowed(jobSchema, { rules: [{ changes: { paths: ["a"], regexp: "b" } }] })).toEqual([
      "rules.0.changes: give exactly one of `paths` or `regexp`",
    ]);
  });

  it("names the accepted kinds when the value is of none of them", () => {
    expect(narrowed(jobSchema, { script: 42 })).toEqual([
      "script: Invalid input: expected string or array or !reference",
    ]);
  });

  it("leaves other issues alone", () => {
    expect(narrowed(jobSchema, { scirpt: "x" })).toEqual([': Unrecognized key: "scirpt"']);
  });
});
