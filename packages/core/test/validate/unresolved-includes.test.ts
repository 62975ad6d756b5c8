import { describe, expect, it } from "vitest";
import { validatePipeline } from "../../src/validate/validate-pipeline.js";
import { codesOf, diagnosticsOf, untypedDefinition } from "./untyped-definition.js";

describe("names an unresolved include may provide", () => {
  // The example: customising a job of GitLab's SAST template.
  const input = {
    include: [{ template: "Security/SAST.gitlab-ci.yml" }],
    jobs: {
      "semgrep-sast": { variables: { X: "1" } },
      mine: { extends: ".sast-base", needs: ["semgrep-sast", "other"], script: ["x"] },
    },
  };

  it("are warnings that say so, not errors", () => {
    expect(diagnosticsOf(input)).toEqual([
      [
        "jobs.mine.extends",
        'no job or template named ".sast-base" to extend (unless an unresolved include (template) provides it)',
        "warning",
      ],
      [
        "jobs.mine.needs[1]",
        'no job named "other" (unless an unresolved include (template) provides it)',
        "warning",
      ],
      [
        "jobs.semgrep-sast",
        "job has nothing to run; add script (or trigger, to start a downstream pipeline) (unless an unresolved include (template) provides it)",
        "warning",
      ],
    ]);
  });

  it("keeps the unresolved base in `extends`, and the override as written", () => {
    const { pipeline } = validatePipeline(untypedDefinition(input));
    expect(pipeline?.jobs["semgrep-sast"]).toEqual({ variables: { X: "1" } });
    expect(pipeline?.jobs.mine?.extends).toEqual([".sast-base"]);
  });

  it("accepts a file of includes only, and a library of hidden templates", () => {
    expect(codesOf({ include: ["/ci/jobs.yml"], jobs: {} })).toEqual([["jobs", "jobs/none"]]);
    expect(diagnosticsOf({ include: ["/ci/jobs.yml"], jobs: {} })[0]?.[2]).toBe("warning");
  });

  it("stay errors without includes", () => {
    expect(codesOf({ jobs: { a: { extends: ".x", script: ["x"] } } })).toEqual([
      ["jobs.a.extends", "extends/unknown-base"],
    ]);
    expect(diagnosticsOf({ jobs: { a: { extends: ".x", script: ["x"] } } })[0]?.[2]).toBe("error");
  });
});
