import { describe, expect, it } from "vitest";
import { reference } from "../../src/reference.js";
import { type PipelineInput, pipelineSchema } from "../../src/schema/index.js";
import { reservedJobNames } from "../../src/schema/job-name.js";
import { topLevelKeywords } from "../../src/schema/top-level.js";

const issuesOf = (pipeline: unknown) => {
  const result = pipelineSchema.safeParse(pipeline);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

const accepted: Record<string, PipelineInput> = {
  "the user contract example": {
    stages: ["build", "test", "deploy"],
    default: { image: "node:22-alpine" },
    variables: { NPM_CONFIG_CACHE: ".npm" },
    jobs: {
      build: {
        stage: "build",
        script: ["npm ci", "npm run build"],
        artifacts: { paths: ["dist/"] },
      },
      test: { stage: "test", needs: ["build"], script: ["npm test"] },
    },
  },
  "include string and list of every form": {
    include: [
      "/ci/common.yml",
      "https://example.com/ci.yml",
      { local: "/ci/build.yml", rules: [{ if: "$CI_COMMIT_TAG", when: "never" }] },
      { project: "group/ci", ref: "v1", file: ["/a.yml", "/b.yml"] },
      { project: "group/ci", file: "/a.yml" },
      { template: "Jobs/SAST.gitlab-ci.yml" },
      { component: "gitlab.com/org/comp/build@1.0", inputs: { stage: "build", n: 2, list: ["a"] } },
      {
        remote: "https://example.com/ci.yml",
        integrity: "sha256-L3/GAoKaw0Arw6hDCKeKQlV1QPEgHYxGBHsH4zG1IY8=",
      },
      { local: "/ci/x.yml", rules: [{ exists: ["x"] }, { changes: { paths: ["x"] } }] },
    ],
    jobs: {},
  },
  "include a single string": { include: "/ci/common.yml", jobs: {} },
  "include a single object": { include: { template: "Auto-DevOps.gitlab-ci.yml" }, jobs: {} },
  "spec inputs": {
    spec: {
      inputs: {
        stage: { default: "test" },
        environment: { type: "string", options: ["dev", "prod"], description: "where" },
        replicas: { type: "number", default: 1 },
        verbose: { type: "boolean", default: false },
        flags: { type: "array", default: ["-v"] },
        version: { regex: "^v\\d+$" },
        required: null,
        conditional: { rules: [{ if: "$A", options: ["a"], default: "a" }] },
      },
    },
    jobs: {},
  },
  "workflow and global variables in every form": {
    workflow: {
      name: "Pipeline for $CI_COMMIT_REF_NAME",
      auto_cancel: { on_new_commit: "interruptible", on_job_failure: "all" },
      rules: [
        {
          if: '$CI_PIPELINE_SOURCE == "merge_request_event"',
          variables: { DEPLOY: "false" },
          auto_cancel: { on_new_commit: "none" },
        },
        { if: "$CI_COMMIT_TAG", when: "never" },
        { changes: ["x"], exists: ["y"] },
        reference(".workflow", "rules"),
      ],
    },
    variables: {
      PLAIN: "x",
      NUMBER: 1,
      BOOL: false,
      DESCRIBED: {
        value: "staging",
        description: "Target",
        options: ["staging", "prod"],
        expand: false,
      },
      REF: reference(".vars", "variables", "REF"),
    },
    jobs: {},
  },
  "deprecated globals and nested stages": {
    stages: ["build", ["test", "lint"], "deploy"],
    image: "alpine",
    services: ["docker:dind"],
    cache: { paths: ["x"] },
    before_script: ["echo before"],
    after_script: "echo after",
    jobs: { ".hidden": { script: "x" }, pages: { script: "x", pages: true } },
  },
  "default with every keyword": {
    default: {
      after_script: ["x"],
      artifacts: { expire_in: "1 day" },
      before_script: ["x"],
      cache: [{ key: "x" }],
      hooks: { pre_get_sources_script: "x" },
      id_tokens: { T: { aud: ["a", "b"] } },
      identity: "google_cloud",
      image: { name: "x" },
      interruptible: true,
      retry: { max: 1 },
      services: ["x"],
      tags: ["t"],
      timeout: "1h",
    },
    jobs: {},
  },
};

describe("pipelineSchema", () => {
  it.each(Object.entries(accepted))("accepts %s, values unchanged", (_, pipeline) => {
    expect(pipelineSchema.parse(pipeline)).toEqual(pipeline);
  });

  it("lists the top-level keywords (the GitLab parser tells jobs from keywords with it)", () => {
    expect([...topLevelKeywords].sort()).toEqual(
      [
        "after_script",
        "before_script",
        "cache",
        "default",
        "image",
        "include",
        "services",
        "spec",
        "stages",
        "variables",
        "workflow",
      ].sort(),
    );
  });

  it("rejects reserved job names", () => {
    for (const name of ["image", "variables", "stages", "include", "default", "types"]) {
      expect(reservedJobNames.has(name)).toBe(true);
      expect(issuesOf({ jobs: { [name]: { script: "x" } } })).toEqual([
        { path: ["jobs", name], message: "Invalid key in record" },
      ]);
    }
    expect(issuesOf({ jobs: { pages: { script: "x" } } })).toEqual([]);
  });

  it.each([
    [
      "a typo in a top-level keyword",
      { stagse: ["a"], jobs: {} },
      [],
      'Unrecognized key: "stagse"',
    ],
    ["jobs at top level", { build: { script: "x" }, jobs: {} }, [], 'Unrecognized key: "build"'],
    [
      "a job keyword typo",
      { jobs: { a: { scirpt: "x" } } },
      ["jobs", "a"],
      'Unrecognized key: "scirpt"',
    ],
    [
      "a job keyword in default",
      { default: { script: "x" }, jobs: {} },
      ["default"],
      'Unrecognized key: "script"',
    ],
    [
      "a workflow rule typo",
      { workflow: { rules: [{ iff: "x" }] }, jobs: {} },
      ["workflow", "rules", 0],
      'Unrecognized key: "iff"',
    ],
    [
      "a workflow rule `when: manual` (narrowIssues finds the rule: see its test)",
      { workflow: { rules: [{ when: "manual" }] }, jobs: {} },
      ["workflow", "rules"],
      "Invalid input",
    ],
    [
      "a spec input default of the wrong type",
      { spec: { inputs: { n: { type: "number", default: "1" } } }, jobs: {} },
      ["spec", "inputs", "n", "default"],
      "`default` must have the input's `type`",
    ],
  ])("rejects %s", (_, pipeline, path, message) => {
    const [first] = issuesOf(pipeline);
    expect(first?.path).toEqual(path);
    if (message !== undefined) expect(first?.message).toBe(message);
  });

  it("requires jobs", () => {
    expect(issuesOf({})[0]?.path).toEqual(["jobs"]);
  });
});
