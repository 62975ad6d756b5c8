import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { type JobSelection, selectJobs } from "../../src/rules/select-jobs.js";
import type { SelectionInput } from "../../src/rules/selection-input.js";
import type { Pipeline } from "../../src/schema/index.js";

const branch = {
  CI_PIPELINE_SOURCE: "push",
  CI_COMMIT_BRANCH: "feature",
  CI_COMMIT_REF_NAME: "feature",
};
const main = { CI_PIPELINE_SOURCE: "push", CI_COMMIT_BRANCH: "main", CI_COMMIT_REF_NAME: "main" };
const tag = { CI_PIPELINE_SOURCE: "push", CI_COMMIT_TAG: "v1.2.0", CI_COMMIT_REF_NAME: "v1.2.0" };
const mergeRequest = {
  CI_PIPELINE_SOURCE: "merge_request_event",
  CI_MERGE_REQUEST_IID: "7",
  CI_COMMIT_REF_NAME: "feature",
};
const schedule = {
  CI_PIPELINE_SOURCE: "schedule",
  CI_COMMIT_BRANCH: "main",
  CI_COMMIT_REF_NAME: "main",
};

function model(jobs: Record<string, unknown>, topLevel: Record<string, unknown> = {}): Pipeline {
  return { ...topLevel, jobs } as Pipeline;
}

function run(pipeline: Pipeline, input: SelectionInput): [string, string][] {
  return selectJobs(pipeline, input).jobs.map((job) => [job.name, job.when]);
}

function diagnostics(selection: JobSelection): [string, string, Diagnostic["severity"]][] {
  return selection.diagnostics.map((d) => [d.path, d.message, d.severity]);
}

describe("rules", () => {
  const pipeline = model({
    deploy: {
      script: ["x"],
      rules: [
        { if: '$CI_COMMIT_BRANCH == "main"', when: "manual" },
        { if: "$CI_COMMIT_TAG =~ /^v\\d+/", when: "delayed", start_in: "5 minutes" },
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: "never" },
        { when: "on_success", allow_failure: true },
      ],
    },
    notes: { script: ["x"], rules: [{ if: "$CI_COMMIT_TAG" }] },
  });

  it("the first matching rule decides when, start_in and allow_failure", () => {
    const onMain = selectJobs(pipeline, { predefined: main }).jobs;
    expect(onMain).toMatchObject([{ name: "deploy", when: "manual", allowFailure: false }]);
    const onTag = selectJobs(pipeline, { predefined: tag }).jobs;
    expect(onTag.map(({ name, when, startIn }) => [name, when, startIn])).toEqual([
      ["deploy", "delayed", "5 minutes"],
      ["notes", "on_success", undefined],
    ]);
    expect(run(pipeline, { predefined: mergeRequest })).toEqual([]);
    expect(selectJobs(pipeline, { predefined: branch }).jobs).toMatchObject([
      { name: "deploy", when: "on_success", allowFailure: true },
    ]);
  });

  it("no matching rule, or rules: [], leaves the job out", () => {
    const jobs = {
      a: { script: ["x"], rules: [{ if: "$NOPE" }] },
      b: { script: ["x"], rules: [] },
    };
    expect(run(model(jobs), { predefined: main })).toEqual([]);
  });

  it("a rule without when takes the job's when; a job-level manual job may fail", () => {
    const jobs = {
      a: { script: ["x"], when: "manual", rules: [{ if: "$CI_COMMIT_BRANCH" }] },
      b: { script: ["x"], rules: [{ if: "$CI_COMMIT_BRANCH", when: "manual" }] },
      c: { script: ["x"], allow_failure: { exit_codes: [3] }, rules: [{ when: "always" }] },
    };
    const selected = selectJobs(model(jobs), { predefined: main }).jobs;
    expect(selected.map(({ name, when, allowFailure }) => [name, when, allowFailure])).toEqual([
      ["a", "manual", true],
      ["b", "manual", false],
      ["c", "always", { exit_codes: [3] }],
    ]);
  });

  it("rule variables and needs replace the job's; the run's variables win over both", () => {
    const jobs = {
      build: { script: ["x"] },
      lint: { script: ["x"] },
      test: {
        script: ["x"],
        needs: ["build"],
        variables: { LEVEL: "job", KEEP: "job" },
        rules: [
          { if: '$LEVEL == "job"', variables: { LEVEL: "rule", RULE: "1" }, needs: ["lint"] },
        ],
      },
    };
    const pipeline = model(jobs, { variables: { GLOBAL: "g", LEVEL: "global" } });
    const test = selectJobs(pipeline, { predefined: main, variables: { RULE: "user" } }).jobs[2]!;
    expect(test.needs).toEqual(["lint"]);
    expect(test.variables).toMatchObject({ LEVEL: "rule", KEEP: "job", GLOBAL: "g", RULE: "user" });
  });

  it("rules:if sees predefined < top-level < job < matrix < the run's variables", () => {
    const jobs = {
      job: {
        script: ["x"],
        variables: { B: "job" },
        parallel: { matrix: [{ C: ["one", "two"] }] },
        rules: [{ if: '$A == "top" && $B == "job" && $C == "two" && $D == "run"' }],
      },
    };
    const pipeline = model(jobs, { variables: { A: "top", B: "top", D: "top" } });
    expect(run(pipeline, { predefined: { ...main, A: "pre" }, variables: { D: "run" } })).toEqual([
      ["job: [two]", "on_success"],
    ]);
  });

  it("inherit: variables: false hides the top-level variables from rules", () => {
    const jobs = {
      a: { script: ["x"], inherit: { variables: false }, rules: [{ if: "$TOP" }] },
      b: { script: ["x"], rules: [{ if: "$TOP" }] },
    };
    expect(run(model(jobs, { variables: { TOP: "1" } }), { predefined: main })).toEqual([
      ["b", "on_success"],
    ]);
  });

  it("parallel: N names its instances `job i/N`", () => {
    const jobs = { test: { script: ["x"], parallel: 2, rules: [{ when: "always" }] } };
    expect(run(model(jobs), { predefined: main })).toEqual([
      ["test 1/2", "always"],
      ["test 2/2", "always"],
    ]);
  });

  it("an unparsable if: is an error, and the rule does not match", () => {
    const jobs = { a: { script: ["x"], rules: [{ if: "$A = 1" }, { when: "manual" }] } };
    const selection = selectJobs(model(jobs), { predefined: main });
    expect(selection.jobs.map((job) => job.when)).toEqual(["manual"]);
    expect(diagnostics(selection)).toEqual([
      ["jobs.a.rules[0].if", 'invalid expression "$A = 1": unexpected "=" (at column 4)', "error"],
    ]);
  });

  it("a variable holding an invalid pattern is a warning (reported once for all instances)", () => {
    const jobs = {
      a: { script: ["x"], parallel: 3, rules: [{ if: "$CI_COMMIT_BRANCH =~ $RE" }] },
    };
    const selection = selectJobs(model(jobs), { predefined: main, variables: { RE: "/a{2000}/" } });
    expect(selection.jobs).toEqual([]);
    expect(diagnostics(selection)).toEqual([
      [
        "jobs.a.rules[0].if",
        '"/a{2000}/" is not a valid pattern (a repeat count above 1000 is rejected by RE2); GitLab then tests for a substring',
        "warning",
      ],
    ]);
  });
});

describe("rules:exists", () => {
  const files = ["Dockerfile", "src/app.ts", "src/lib/util.ts", ".env", "docs/guide.md"];
  const exists = (clause: unknown, input: SelectionInput = { files }) =>
    run(model({ job: { script: ["x"], rules: [{ exists: clause }] } }), {
      predefined: main,
      ...input,
    });

  it.each<[unknown, boolean]>([
    [["Dockerfile"], true],
    [["dockerfile"], false],
    [["*.ts"], false],
    [["src/*.ts"], true],
    [["**/*.ts"], true],
    [["src/**/*.ts"], true],
    [["*.md", "docs/*.md"], true],
    [[".env"], true],
    [["$DIR/app.ts"], true],
    [["$NOPE/app.ts"], false],
    [{ paths: ["src/lib/*"] }, true],
    [{ paths: ["src/lib"] }, false],
    [{ regexp: "^docs/.*\\.md$" }, true],
    [{ regexp: "\\.py$" }, false],
  ])("%j → %j", (clause, expected) => {
    const result = exists(clause, { files, variables: { DIR: "src" } });
    expect(result.length === 1).toBe(expected);
  });

  it("without a file list it is false, with a warning", () => {
    const selection = selectJobs(model({ job: { script: ["x"], rules: [{ exists: ["a"] }] } }), {
      predefined: main,
    });
    expect(selection.jobs).toEqual([]);
    expect(diagnostics(selection)).toEqual([
      [
        "jobs.job.rules[0].exists",
        "no file list was given; rules:exists is treated as false",
        "warning",
      ],
    ]);
  });

  it("project and ref read the given project files; unknown projects warn", () => {
    const clause = { paths: ["chart/*.yaml"], project: "$GROUP/charts", ref: "v2" };
    const projectFiles = { "ops/charts@v2": ["chart/values.yaml"], "ops/charts": [] };
    expect(exists(clause, { files, projectFiles, variables: { GROUP: "ops" } })).toHaveLength(1);
    const selection = selectJobs(model({ job: { script: ["x"], rules: [{ exists: clause }] } }), {
      predefined: main,
      files,
    });
    expect(diagnostics(selection)).toEqual([
      [
        "jobs.job.rules[0].exists",
        'the files of "$GROUP/charts@v2" are not known; rules:exists is treated as false',
        "warning",
      ],
    ]);
  });

  it("an invalid regexp is an error", () => {
    const selection = selectJobs(
      model({ job: { script: ["x"], rules: [{ exists: { regexp: "(" } }] } }),
      { predefined: main, files },
    );
    expect(diagnostics(selection)).toEqual([
      ["jobs.job.rules[0].exists.regexp", 'invalid regular expression "("', "error"],
    ]);
  });
});

describe("rules:changes", () => {
  const changes = (clause: unknown, predefined: Record<string, string>, input: SelectionInput) =>
    run(model({ job: { script: ["x"], rules: [{ changes: clause }] } }), { predefined, ...input })
      .length === 1;
  const changedFiles = ["src/app.ts", ".gitlab-ci.yml"];

  it("matches the changed files of push and merge request pipelines", () => {
    expect(changes(["src/**/*"], branch, { changedFiles })).toBe(true);
    expect(changes(["docs/**/*"], branch, { changedFiles })).toBe(false);
    expect(changes({ paths: [".gitlab-ci.yml"] }, mergeRequest, { changedFiles })).toBe(true);
    expect(changes(["*.md"], mergeRequest, { changedFiles: [] })).toBe(false);
    expect(changes({ regexp: "^src/" }, branch, { changedFiles })).toBe(true);
  });

  it("is true when GitLab has no diff: other sources, a new branch, an unknown list", () => {
    expect(changes(["docs/*"], schedule, { changedFiles })).toBe(true);
    expect(changes(["docs/*"], { ...branch, CI_PIPELINE_SOURCE: "web" }, { changedFiles })).toBe(
      true,
    );
    const newBranch = { ...branch, CI_COMMIT_BEFORE_SHA: "0".repeat(40) };
    expect(changes(["docs/*"], newBranch, { changedFiles })).toBe(true);
    expect(changes(["docs/*"], branch, {})).toBe(true);
  });

  it("compare_to reads the files changed since that ref, for any source", () => {
    const clause = { paths: ["docs/*"], compare_to: "$BASE" };
    const changedFilesSince = { "refs/heads/main": ["docs/a.md"] };
    const input = { changedFilesSince, variables: { BASE: "refs/heads/main" } };
    expect(changes(clause, schedule, input)).toBe(true);
    expect(changes({ ...clause, paths: ["src/*"] }, schedule, input)).toBe(false);
    const selection = selectJobs(model({ job: { script: ["x"], rules: [{ changes: clause }] } }), {
      predefined: main,
    });
    expect(selection.jobs).toHaveLength(1);
    expect(diagnostics(selection)).toEqual([
      [
        "jobs.job.rules[0].changes",
        'the files changed since "$BASE" are not known; rules:changes is treated as true',
        "warning",
      ],
    ]);
  });

  it("all conditions of a rule must hold", () => {
    const jobs = {
      job: {
        script: ["x"],
        rules: [{ if: "$CI_MERGE_REQUEST_IID", changes: ["src/*"], exists: ["x"] }],
      },
    };
    expect(run(model(jobs), { predefined: mergeRequest, changedFiles, files: ["x"] })).toHaveLength(
      1,
    );
    expect(run(model(jobs), { predefined: mergeRequest, changedFiles, files: [] })).toHaveLength(0);
    expect(run(model(jobs), { predefined: branch, changedFiles, files: ["x"] })).toHaveLength(0);
  });
});

describe("workflow", () => {
  const jobs = {
    build: { script: ["x"] },
    deploy: { script: ["x"], rules: [{ if: '$DEPLOY == "yes"' }] },
  };
  const workflow = {
    name: "Pipeline for $CI_COMMIT_REF_NAME ($MODE)$NOPE",
    rules: [
      { if: "$CI_COMMIT_MESSAGE =~ /-draft$/", when: "never" },
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', variables: { MODE: "mr" } },
      { if: "$CI_COMMIT_TAG", variables: { MODE: "release", DEPLOY: "yes" } },
      { if: "$CI_COMMIT_BRANCH", when: "always" },
    ],
  };
  const pipeline = model(jobs, { workflow, variables: { MODE: "default", DEPLOY: "no" } });

  it("the first matching rule creates the pipeline, names it and sets its variables", () => {
    const onTag = selectJobs(pipeline, { predefined: tag });
    expect(onTag).toMatchObject({ runs: true, name: "Pipeline for v1.2.0 (release)" });
    expect(onTag.variables).toMatchObject({ MODE: "release", DEPLOY: "yes" });
    // workflow:rules replace the default `only: [branches, tags]`, so jobs without rules run in MR pipelines
    expect(onTag.jobs.map((job) => job.name)).toEqual(["build", "deploy"]);
    const onMr = selectJobs(pipeline, { predefined: mergeRequest });
    expect(onMr).toMatchObject({ runs: true, name: "Pipeline for feature (mr)" });
    expect(onMr.jobs.map((job) => job.name)).toEqual(["build"]);
  });

  it("when: never, or no matching rule, means no pipeline", () => {
    const draft = selectJobs(pipeline, { predefined: { ...main, CI_COMMIT_MESSAGE: "wip-draft" } });
    expect(draft).toEqual({
      runs: false,
      name: "Pipeline for main (default)",
      variables: expect.objectContaining({ MODE: "default" }),
      jobs: [],
      diagnostics: [],
    });
    const web = selectJobs(pipeline, { predefined: { CI_PIPELINE_SOURCE: "web" } });
    expect(web.runs).toBe(false);
  });

  it("without workflow:rules the pipeline runs", () => {
    expect(selectJobs(model(jobs), { predefined: main }).runs).toBe(true);
  });
});

describe("only / except", () => {
  const job = (filters: Record<string, unknown>) => model({ job: { script: ["x"], ...filters } });
  const runs = (
    filters: Record<string, unknown>,
    predefined: Record<string, string>,
    input: SelectionInput = {},
  ) => run(job(filters), { predefined, ...input }).length === 1;

  it("without rules or only, a job runs for branches and tags, not merge requests", () => {
    expect(runs({}, main)).toBe(true);
    expect(runs({}, tag)).toBe(true);
    expect(runs({}, mergeRequest)).toBe(false);
    expect(runs({ except: ["main"] }, main)).toBe(false);
    expect(runs({ except: ["main"] }, mergeRequest)).toBe(true);
  });

  it.each<[unknown, Record<string, string>, boolean]>([
    [["main"], main, true],
    [["main"], branch, false],
    [["branches"], branch, true],
    [["branches"], tag, false],
    [["tags"], tag, true],
    [["merge_requests"], mergeRequest, true],
    [["merge_requests"], main, false],
    [["schedules"], schedule, true],
    [["pushes"], main, true],
    [["web"], { ...main, CI_PIPELINE_SOURCE: "web" }, true],
    [["/^v\\d+\\./"], tag, true],
    [["/^V\\d+/i"], tag, true],
    [["/^feat/"], branch, true],
    [["/^feat/"], mergeRequest, false],
    [["main@group/project"], { ...main, CI_PROJECT_PATH: "group/project" }, true],
    [["main@group/other"], { ...main, CI_PROJECT_PATH: "group/project" }, false],
  ])("only: %j → %j", (only, predefined, expected) => {
    expect(runs({ only }, predefined)).toBe(expected);
  });

  it("every part of only must hold; any part of except excludes", () => {
    const only = { refs: ["branches"], variables: ['$RELEASE == "yes"'] };
    expect(runs({ only }, main, { variables: { RELEASE: "yes" } })).toBe(true);
    expect(runs({ only }, main, { variables: { RELEASE: "no" } })).toBe(false);
    expect(runs({ only }, tag, { variables: { RELEASE: "yes" } })).toBe(false);
    const except = { refs: ["tags"], variables: ["$SKIP"] };
    expect(runs({ except }, main)).toBe(true);
    expect(runs({ except }, main, { variables: { SKIP: "1" } })).toBe(false);
    expect(runs({ except }, tag)).toBe(false);
  });

  it("only: changes matches without dot files; true without a diff", () => {
    const only = { changes: ["src/**/*", "*.yml"] };
    expect(runs({ only }, branch, { changedFiles: ["src/a/b.ts"] })).toBe(true);
    expect(runs({ only }, branch, { changedFiles: [".gitlab-ci.yml"] })).toBe(false);
    expect(runs({ only }, branch, { changedFiles: ["docs/a.md"] })).toBe(false);
    expect(runs({ only }, schedule, { changedFiles: ["docs/a.md"] })).toBe(true);
    expect(runs({ only }, branch)).toBe(true);
  });

  it("only: kubernetes is unknown: treated as inactive, with a warning", () => {
    const selection = selectJobs(job({ only: { kubernetes: "active" } }), { predefined: main });
    expect(selection.jobs).toEqual([]);
    expect(diagnostics(selection)).toEqual([
      [
        "jobs.job.only.kubernetes",
        "whether a Kubernetes integration is active is not known; treated as inactive",
        "warning",
      ],
    ]);
  });

  it("an unparsable only: variables expression is an error", () => {
    const selection = selectJobs(job({ only: { variables: ["$A =="] } }), { predefined: main });
    expect(diagnostics(selection)).toEqual([
      [
        "jobs.job.only.variables[0]",
        'invalid expression "$A ==": expected a value after == (at column 6)',
        "error",
      ],
    ]);
  });
});
