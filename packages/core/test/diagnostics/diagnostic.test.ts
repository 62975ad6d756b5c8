import { describe, expect, it } from "vitest";
import { error, formatDiagnostic, hasErrors, warning } from "../../src/diagnostics/diagnostic.js";

describe("formatDiagnostic", () => {
  it("prints file, path and message on one line", () => {
    const diagnostic = error(
      "needs/unknown-job",
      "jobs.test.needs[0]",
      'no job named "biuld"; did you mean "build"?',
    );
    expect(formatDiagnostic(diagnostic, "pipeline.ts")).toBe(
      'pipeline.ts: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?',
    );
  });

  it("omits the file when none is given and marks warnings", () => {
    expect(formatDiagnostic(warning("job-name/case-collision", "jobs.Build", "collides"))).toBe(
      "jobs.Build: warning: collides",
    );
  });

  it("omits an empty path", () => {
    expect(
      formatDiagnostic(error("pipeline/not-a-definition", "", "expected an object"), "pipeline.ts"),
    ).toBe("pipeline.ts: expected an object");
  });
});

describe("error and warning", () => {
  it("build a diagnostic with its code, path, message and severity", () => {
    expect(error("needs/cycle", "jobs.a.needs[0]", "needs cycle: a → b → a")).toEqual({
      code: "needs/cycle",
      path: "jobs.a.needs[0]",
      message: "needs cycle: a → b → a",
      severity: "error",
    });
    expect(warning("job-name/yaml-value", "jobs.true", "reads as a YAML value").severity).toBe(
      "warning",
    );
  });

  it("accept only codes of the catalogue", () => {
    // @ts-expect-error a misspelt code is a type error
    error("needs/unknown-jb", "jobs.test.needs[0]", "no job");
  });
});

describe("hasErrors", () => {
  it("ignores warnings", () => {
    const skipped = warning("kubernetes/skipped-keyword", "workflow", "skipped on Kubernetes");
    const missing = error("script/missing", "jobs.test", "job has nothing to run");
    expect(hasErrors([skipped])).toBe(false);
    expect(hasErrors([skipped, missing])).toBe(true);
  });
});
