import { describe, expect, it } from "vitest";
import { formatPath } from "../../src/diagnostics/path.js";

describe("formatPath", () => {
  it("joins keys with dots and indexes with brackets", () => {
    expect(formatPath(["jobs", "test", "needs", 0])).toBe("jobs.test.needs[0]");
    expect(formatPath(["workflow", "rules", 1, "if"])).toBe("workflow.rules[1].if");
    expect(formatPath(["stages"])).toBe("stages");
    expect(formatPath([])).toBe("");
  });

  it("quotes keys that would be ambiguous after a dot", () => {
    expect(formatPath(["jobs", ".base", "script"])).toBe('jobs[".base"].script');
    expect(formatPath(["jobs", "build linux", "needs", 2])).toBe('jobs["build linux"].needs[2]');
    expect(formatPath(["jobs", "unit-test"])).toBe("jobs.unit-test");
  });
});
