import { describe, expect, it } from "vitest";
import { error, formatDiagnostic, hasErrors, warning } from "../../src/diagnostics.js";

describe("formatDiagnostic", () => {
  it("prints file, path and message on one line", () => {
    const diagnostic = error("jobs.test.needs[0]", 'no job named "biuld"; did you mean "build"?');
    expect(formatDiagnostic(diagnostic, "pipeline.ts")).toBe(
      'pipeline.ts: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?',
    );
  });

  it("omits the file when none is given and marks warnings", () => {
    expect(formatDiagnostic(warning("jobs.Build", "collides"))).toBe(
      "jobs.Build: warning: collides",
    );
  });

  it("omits an empty path", () => {
    expect(formatDiagnostic(error("", "expected an object"), "pipeline.ts")).toBe(
      "pipeline.ts: expected an object",
    );
  });
});

describe("hasErrors", () => {
  it("ignores warnings", () => {
    expect(hasErrors([warning("a", "b")])).toBe(false);
    expect(hasErrors([warning("a", "b"), error("c", "d")])).toBe(true);
  });
});
