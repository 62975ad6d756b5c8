import { describe, expect, it } from "vitest";
import { diagnosticsOf } from "./untyped-definition.js";

const build = { stage: "build", script: ["make"] };

describe("needs", () => {
  it("reports an unknown job with a suggestion", () => {
    expect(diagnosticsOf({ jobs: { build, test: { needs: ["biuld"], script: ["x"] } } })).toEqual([
      ["jobs.test.needs[0]", 'no job named "biuld"; did you mean "build"?', "error"],
    ]);
  });

  it("reports the object form as the string form, at the entry, and checks rules[].needs too", () => {
    const test = {
      script: ["x"],
      needs: [{ job: "biuld" }],
      rules: [{ when: "always", needs: ["nope"] }],
    };
    expect(diagnosticsOf({ jobs: { build, test } })).toEqual([
      ["jobs.test.needs[0]", 'no job named "biuld"; did you mean "build"?', "error"],
      ["jobs.test.rules[0].needs[0]", 'no job named "nope"', "error"],
    ]);
  });

  it("only warns about an unknown optional need", () => {
    expect(
      diagnosticsOf({
        jobs: { build, test: { needs: [{ job: "biuld", optional: true }], script: ["x"] } },
      }),
    ).toEqual([
      [
        "jobs.test.needs[0]",
        'no job named "biuld" (optional need, ignored); did you mean "build"?',
        "warning",
      ],
    ]);
  });

  it("ignores needs on other pipelines and projects", () => {
    const needs = [
      { pipeline: "$PARENT_PIPELINE_ID", job: "gen" },
      { project: "a/b", job: "x", ref: "main" },
    ];
    expect(diagnosticsOf({ jobs: { test: { needs, script: ["x"] } } })).toEqual([]);
  });

  it("rejects a hidden job", () => {
    expect(
      diagnosticsOf({
        jobs: { ".base": { script: ["x"] }, test: { needs: [".base"], script: ["x"] } },
      }),
    ).toEqual([
      [
        "jobs.test.needs[0]",
        '".base" is a hidden template, which never runs; need a job that runs',
        "error",
      ],
    ]);
  });

  it("rejects a job that needs itself", () => {
    expect(diagnosticsOf({ jobs: { test: { needs: ["test"], script: ["x"] } } })).toEqual([
      ["jobs.test.needs[0]", 'job "test" needs itself', "error"],
    ]);
  });

  it("prints a cycle as a chain", () => {
    const jobs = {
      build: { stage: "test", needs: ["test"], script: ["x"] },
      test: { needs: ["lint"], script: ["x"] },
      lint: { needs: ["build"], script: ["x"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      ["jobs.build.needs[0]", "needs cycle: build → test → lint → build", "error"],
    ]);
  });

  it("finds a cycle that goes through rules[].needs", () => {
    const jobs = {
      build: { needs: ["test"], script: ["x"] },
      test: { script: ["x"], rules: [{ if: "$CI_COMMIT_TAG", needs: ["build"] }] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      ["jobs.build.needs[0]", "needs cycle: build → test → build", "error"],
    ]);
  });

  it("rejects a need on a job of a later stage", () => {
    const jobs = {
      deploy: { stage: "deploy", script: ["x"] },
      test: { needs: ["deploy"], script: ["x"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      [
        "jobs.test.needs[0]",
        '"deploy" runs in stage "deploy", after this job\'s stage "test"; a job can only need jobs of its own or an earlier stage',
        "error",
      ],
    ]);
  });

  it("accepts needs within the same stage and on .pre", () => {
    const jobs = {
      prepare: { stage: ".pre", script: ["x"] },
      unit: { script: ["x"] },
      report: { needs: ["unit", "prepare"], script: ["x"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([]);
  });

  it("rejects a need listed twice", () => {
    expect(
      diagnosticsOf({
        jobs: { build, test: { needs: ["build", { job: "build" }], script: ["x"] } },
      }),
    ).toEqual([["jobs.test.needs[1]", '"build" is listed twice in needs', "error"]]);
  });

  it("rejects more than 50 needs", () => {
    const jobs: Record<string, unknown> = {};
    for (let i = 0; i < 51; i++) jobs[`b${i}`] = { stage: "build", script: ["x"] };
    jobs.test = { needs: Object.keys(jobs), script: ["x"] };
    expect(diagnosticsOf({ jobs })).toEqual([
      ["jobs.test.needs", "51 needs; GitLab allows at most 50 per job", "error"],
    ]);
  });

  it("reports a misspelt need in a template where it is written, once", () => {
    const jobs = {
      build,
      ".deploy": { stage: "deploy", needs: ["biuld"] },
      staging: { extends: ".deploy", script: ["x"] },
      production: { extends: ".deploy", script: ["x"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      ['jobs[".deploy"].needs[0]', 'no job named "biuld"; did you mean "build"?', "error"],
    ]);
  });
});

describe("dependencies", () => {
  it("reports an unknown, hidden or later job, and itself", () => {
    const jobs = {
      build,
      ".tpl": { script: ["x"] },
      deploy: { stage: "deploy", script: ["x"] },
      test: { dependencies: ["biuld", ".tpl", "deploy", "test"], script: ["x"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      ["jobs.test.dependencies[0]", 'no job named "biuld"; did you mean "build"?', "error"],
      [
        "jobs.test.dependencies[1]",
        '".tpl" is a hidden template, which never runs; depend on a job that runs',
        "error",
      ],
      [
        "jobs.test.dependencies[2]",
        '"deploy" runs in stage "deploy", after this job\'s stage "test"; dependencies must be jobs of its own or an earlier stage',
        "error",
      ],
      ["jobs.test.dependencies[3]", 'job "test" depends on itself', "error"],
    ]);
  });

  it("requires dependencies to be needed when the job uses needs", () => {
    const jobs = {
      build,
      lint: { stage: "build", script: ["x"] },
      test: { needs: ["build"], dependencies: ["build", "lint"], script: ["x"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      [
        "jobs.test.dependencies[1]",
        '"lint" must also be listed in needs: a job with needs only downloads artifacts from jobs it needs',
        "error",
      ],
    ]);
  });
});
