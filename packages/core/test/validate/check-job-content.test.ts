// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` in rules:if is the mistake under test.
import { describe, expect, it } from "vitest";
import { diagnosticsOf } from "./untyped-definition.js";

describe("script", () => {
  it("rejects a job with neither script nor trigger", () => {
    expect(diagnosticsOf({ jobs: { lint: { stage: "test" } } })).toEqual([
      [
        "jobs.lint",
        "job has nothing to run; add script (or trigger, to start a downstream pipeline)",
        "error",
      ],
    ]);
  });

  it("accepts trigger, run, and a script inherited through extends; exempts hidden jobs", () => {
    const jobs = {
      ".base": { image: "node" },
      ".script": { script: ["npm test"] },
      child: { trigger: { include: "child.yml" } },
      steps: { run: [{ name: "hello", script: "echo hi" }] },
      test: { extends: [".base", ".script"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([]);
  });
});

describe("parallel", () => {
  it("rejects a matrix of more than 200 jobs (sum over entries of the products)", () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    const ok = {
      script: ["x"],
      parallel: { matrix: [{ A: values(10), B: values(10) }, { C: values(100) }] },
    };
    const tooMany = {
      script: ["x"],
      parallel: { matrix: [{ A: values(10), B: values(10) }, { C: values(101) }] },
    };
    expect(diagnosticsOf({ jobs: { ok, tooMany } })).toEqual([
      [
        "jobs.tooMany.parallel.matrix",
        "matrix generates 201 jobs; GitLab allows at most 200",
        "error",
      ],
    ]);
  });
});

describe("rules:if", () => {
  it("rejects ${VAR} in job, workflow and include rules, where written", () => {
    const input = {
      workflow: {
        rules: [{ if: '$CI_COMMIT_BRANCH == "main"' }, { if: "${CI_PIPELINE_SOURCE} == 'push'" }],
      },
      include: [{ local: "a.yml", rules: [{ if: "${X}" }] }],
      jobs: {
        ".rules": { rules: [{ if: "${CI_COMMIT_TAG}" }] },
        a: { extends: ".rules", script: ["x"] },
        b: { extends: ".rules", script: ["x"], rules: [{ if: "$A && ${B}" }] },
      },
    };
    expect(diagnosticsOf(input)).toEqual([
      [
        "workflow.rules[1].if",
        "${CI_PIPELINE_SOURCE} is not expanded in rules:if; use $CI_PIPELINE_SOURCE",
        "error",
      ],
      ["include[0].rules[0].if", "${X} is not expanded in rules:if; use $X", "error"],
      [
        'jobs[".rules"].rules[0].if',
        "${CI_COMMIT_TAG} is not expanded in rules:if; use $CI_COMMIT_TAG",
        "error",
      ],
      ["jobs.b.rules[0].if", "${B} is not expanded in rules:if; use $B", "error"],
    ]);
  });
});

describe("environment", () => {
  it("requires a name once templates are applied", () => {
    const jobs = {
      ".review": { environment: { url: "https://x" } },
      named: { extends: ".review", environment: { name: "review" }, script: ["x"] },
      unnamed: { extends: ".review", script: ["x"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      ["jobs.unnamed.environment", "environment has no name; add name", "error"],
    ]);
  });

  it("checks the on_stop job", () => {
    const jobs = {
      stop_review: {
        environment: { name: "review", action: "stop" },
        script: ["x"],
        when: "manual",
      },
      stop_other: { environment: "other", script: ["x"] },
      plain: { script: ["x"] },
      a: { environment: { name: "review", on_stop: "stop_reveiw" }, script: ["x"] },
      b: { environment: { name: "review", on_stop: "stop_other" }, script: ["x"] },
      c: { environment: { name: "review", on_stop: "plain" }, script: ["x"] },
      d: { environment: { name: "review", on_stop: "stop_review" }, script: ["x"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      [
        "jobs.a.environment.on_stop",
        'no job named "stop_reveiw"; did you mean "stop_review"?',
        "error",
      ],
      [
        "jobs.b.environment.on_stop",
        '"stop_other" stops environment "other", not "review"',
        "error",
      ],
      [
        "jobs.c.environment.on_stop",
        '"plain" has no environment; an on_stop job must name the environment it stops',
        "error",
      ],
    ]);
  });
});

describe("jobs", () => {
  it("rejects a pipeline without a job that runs", () => {
    expect(diagnosticsOf({ jobs: {} })).toEqual([
      ["jobs", "no jobs; a pipeline needs at least one job that runs", "error"],
    ]);
  });

  it("accepts a library of hidden templates or a workflow fragment, with a warning", () => {
    expect(diagnosticsOf({ jobs: { ".template": { script: ["x"] } } })).toEqual([
      [
        "jobs",
        "only hidden templates (.name): accepted as a library to include; GitLab runs no pipeline from this file alone",
        "warning",
      ],
    ]);
    expect(diagnosticsOf({ workflow: { rules: [{ when: "always" }] }, jobs: {} })).toEqual([
      [
        "jobs",
        "no jobs, only workflow: accepted as a library to include; GitLab runs no pipeline from this file alone",
        "warning",
      ],
    ]);
  });
});
