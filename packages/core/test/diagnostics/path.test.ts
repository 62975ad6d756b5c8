import { describe, expect, it } from "vitest";
import { formatPath, parsePath } from "../../src/diagnostics/path.js";

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

describe("parsePath", () => {
  it("reads back what formatPath writes", () => {
    for (const segments of [
      ["jobs", "test", "needs", 0],
      ["jobs", ".base", "script"],
      ["jobs", "build linux", "needs", 2, "job"],
      ["jobs", 'say "hi"', "rules", 0, "if"],
      ["stages"],
      [],
    ]) {
      expect(parsePath(formatPath(segments))).toEqual(segments);
    }
  });

  it("is undefined for text formatPath cannot have written", () => {
    expect(parsePath(".jobs")).toBeUndefined();
    expect(parsePath("jobs..x")).toBeUndefined();
    expect(parsePath("jobs[x]")).toBeUndefined();
    expect(parsePath("jobstest")).toEqual(["jobstest"]);
    expect(parsePath("jobs test")).toBeUndefined();
  });
});
