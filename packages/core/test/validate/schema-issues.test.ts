import { describe, expect, it } from "vitest";
import { reference } from "../../src/reference.js";
import { diagnosticsOf } from "./untyped-definition.js";

describe("schema issues as diagnostics", () => {
  it("names an unknown keyword and suggests the right one", () => {
    expect(diagnosticsOf({ jobs: { test: { scirpt: ["npm test"] } } })).toEqual([
      ["jobs.test.scirpt", 'unknown keyword "scirpt"; did you mean "script"?', "error"],
    ]);
  });

  it("reports each unknown keyword of one object separately", () => {
    expect(
      diagnosticsOf({ jobs: { test: { script: ["x"], imgae: "node", stgae: "test" } } }),
    ).toEqual([
      ["jobs.test.imgae", 'unknown keyword "imgae"; did you mean "image"?', "error"],
      ["jobs.test.stgae", 'unknown keyword "stgae"; did you mean "stage"?', "error"],
    ]);
  });

  it("names an unknown top-level keyword", () => {
    expect(
      diagnosticsOf({ stgaes: ["build"], jobs: { build: { stage: "build", script: ["x"] } } }),
    ).toEqual([["stgaes", 'unknown keyword "stgaes"; did you mean "stages"?', "error"]]);
  });

  it("says what type was expected and what was found", () => {
    expect(diagnosticsOf({ jobs: { test: { script: ["x"], interruptible: "yes" } } })).toEqual([
      ["jobs.test.interruptible", 'expected a boolean, got "yes"', "error"],
    ]);
  });

  it("lists the alternatives when a value fits none of them", () => {
    expect(diagnosticsOf({ jobs: { test: { script: 5 } } })).toEqual([
      ["jobs.test.script", "expected a string or a list, got 5", "error"],
    ]);
  });

  it("reports the problem inside the alternative the value came closest to", () => {
    expect(
      diagnosticsOf({
        jobs: { test: { script: ["x"], needs: [{ job: "x", artifcts: true }] } },
      })[0],
    ).toEqual([
      "jobs.test.needs[0].artifcts",
      'unknown keyword "artifcts"; did you mean "artifacts"?',
      "error",
    ]);
  });

  it("suggests the closest allowed value", () => {
    expect(diagnosticsOf({ jobs: { test: { script: ["x"], when: "allways" } } })).toEqual([
      [
        "jobs.test.when",
        'expected one of "on_success", "on_failure", "always", "never", "manual", "delayed", got "allways"; did you mean "always"?',
        "error",
      ],
    ]);
  });

  it("reports a number out of range (parallel outside 1..200)", () => {
    expect(diagnosticsOf({ jobs: { test: { script: ["x"], parallel: 500 } } })).toEqual([
      ["jobs.test.parallel", "must be at most 200, got 500", "error"],
    ]);
    expect(diagnosticsOf({ jobs: { test: { script: ["x"], parallel: 0 } } })).toEqual([
      ["jobs.test.parallel", "must be at least 1, got 0", "error"],
    ]);
  });

  it("reports a missing required key", () => {
    expect(
      diagnosticsOf({ jobs: { test: { script: ["x"], needs: [{ optional: true }] } } }),
    ).toEqual([["jobs.test.needs[0].job", "missing; expected a string", "error"]]);
  });

  it("keeps the schema's own messages (refinements)", () => {
    expect(diagnosticsOf({ jobs: { test: { script: ["x"], when: "delayed" } } })).toEqual([
      ["jobs.test.start_in", "a `when: delayed` job needs `start_in`", "error"],
    ]);
  });

  it("rejects a job named like a top-level keyword, at the name", () => {
    expect(diagnosticsOf({ jobs: { variables: { script: ["x"] } } })).toEqual([
      [
        "jobs.variables",
        '"variables" is a top-level GitLab keyword, not a job name; rename the job',
        "error",
      ],
    ]);
  });

  it("quotes job names that are not plain identifiers", () => {
    expect(diagnosticsOf({ jobs: { "build linux": { script: ["x"], scirpt: [] } } })).toEqual([
      ['jobs["build linux"].scirpt', 'unknown keyword "scirpt"; did you mean "script"?', "error"],
    ]);
  });

  it("reports an input that is not an object at the root", () => {
    expect(diagnosticsOf("build")).toEqual([["", 'expected an object, got "build"', "error"]]);
  });

  it("accepts a !reference where a value is expected", () => {
    const input = {
      jobs: { ".setup": { script: ["npm ci"] }, test: { script: reference(".setup", "script") } },
    };
    expect(diagnosticsOf(input)).toEqual([]);
  });

  it("reports an invalid option", () => {
    expect(
      diagnosticsOf({ jobs: { a: { script: ["x"] } } }, { templates: "inline" as "hidden" }),
    ).toEqual([
      ["options.templates", 'expected one of "expanded", "hidden", got "inline"', "error"],
    ]);
  });
});
