import { describe, expect, it } from "vitest";
import { reference } from "../../src/reference.js";
import { diagnosticsOf } from "./untyped-definition.js";

describe("stages", () => {
  it("reports an undeclared stage with a suggestion", () => {
    expect(
      diagnosticsOf({
        stages: ["build", "test", "deploy"],
        jobs: { d: { stage: "deplyo", script: ["x"] } },
      }),
    ).toEqual([
      ["jobs.d.stage", 'stage "deplyo" is not declared in stages; did you mean "deploy"?', "error"],
    ]);
  });

  it("lists the declared stages when nothing is close", () => {
    expect(
      diagnosticsOf({ stages: ["build", "test"], jobs: { l: { stage: "lint", script: ["x"] } } }),
    ).toEqual([
      [
        "jobs.l.stage",
        'stage "lint" is not declared in stages (.pre, build, test, .post); add it there',
        "error",
      ],
    ]);
  });

  it("uses GitLab's default stages when stages is omitted", () => {
    expect(
      diagnosticsOf({
        jobs: { l: { stage: "lint", script: ["x"] }, ok: { stage: "deploy", script: ["x"] } },
      }),
    ).toEqual([
      [
        "jobs.l.stage",
        'stage "lint" is not one of the default stages (.pre, build, test, deploy, .post); declare it in stages',
        "error",
      ],
    ]);
  });

  it("puts a job without stage in test, which declared stages may lack", () => {
    expect(diagnosticsOf({ stages: ["build"], jobs: { t: { script: ["x"] } } })).toEqual([
      [
        "jobs.t.stage",
        'this job has no stage, so it runs in "test", which is not declared in stages (.pre, build, .post); set stage or declare "test"',
        "error",
      ],
    ]);
  });

  it("always allows .pre and .post, flattens nested stage lists and resolves references", () => {
    const input = {
      stages: ["build", ["test", "deploy"], reference(".stages", "tags")],
      jobs: {
        ".stages": { tags: ["qa"] },
        a: { stage: ".pre", script: ["x"] },
        b: { stage: ".post", script: ["x"] },
        c: { stage: "deploy", script: ["x"] },
        d: { stage: "qa", script: ["x"] },
      },
    };
    expect(diagnosticsOf(input)).toEqual([]);
  });

  it("reads stages from a hidden key that is not a job, as GitLab does", () => {
    const input = {
      stages: ["build", reference(".stages", "list")],
      jobs: { ".stages": { list: ["qa"] }, d: { stage: "qa", script: ["x"] } },
    };
    expect(diagnosticsOf(input)).toEqual([]);
  });

  it("does not guess when the stage list cannot be known", () => {
    const input = {
      stages: ["build", reference(".stages", "list")],
      jobs: { ".stages": { tags: ["qa"], scirpt: ["x"] }, d: { stage: "qa", script: ["x"] } },
    };
    // `.stages` is no job (it has no `list`): the reference is reported, and no stage is
    // called undeclared on a guess.
    expect(diagnosticsOf(input).map(([path]) => path)).toEqual(["stages[1]"]);
  });

  it("ignores hidden templates", () => {
    expect(diagnosticsOf({ jobs: { ".tpl": { stage: "nowhere" }, a: { script: ["x"] } } })).toEqual(
      [],
    );
  });
});

describe("stage list", () => {
  it("rejects a stage listed twice, nested lists included", () => {
    const input = {
      stages: ["build", ["test", "build"], "test"],
      jobs: { a: { stage: "build", script: ["x"] } },
    };
    expect(diagnosticsOf(input)).toEqual([
      ["stages[1][1]", 'stage "build" is already listed at stages[0]', "error"],
      ["stages[2]", 'stage "test" is already listed at stages[1][0]', "error"],
    ]);
  });
});
