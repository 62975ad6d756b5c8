import { describe, expect, it } from "vitest";
import { reference } from "../../src/reference.js";
import { type JobInput, jobSchema } from "../../src/schema/index.js";

const issuesOf = (job: unknown) => {
  const result = jobSchema.safeParse(job);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

// One entry per accepted form of every keyword; values stay exactly as written.
const accepted: Record<string, JobInput> = {
  "script string": { script: "make" },
  "script list with nested list and references": {
    before_script: [reference(".setup", "before_script"), ["echo a", "echo b"]],
    script: ["npm ci", ["npm test", reference(".lint", "script")]],
    after_script: reference(".cleanup", "after_script"),
  },
  "empty before_script/after_script": { script: "x", before_script: [], after_script: [] },
  "image string": { image: "node:22-alpine" },
  "image object": {
    image: {
      name: "gcr.io/kaniko-project/executor:debug",
      entrypoint: [""],
      pull_policy: ["if-not-present", "always"],
      docker: { platform: "linux/arm64", user: "1000" },
      kubernetes: { user: 1000 },
    },
  },
  "services in every form": {
    services: [
      "postgres:16",
      {
        name: "docker:dind",
        alias: "docker",
        command: ["--tls=false"],
        entrypoint: ["dockerd-entrypoint.sh"],
        variables: { DOCKER_TLS_CERTDIR: "" },
        pull_policy: "always",
      },
    ],
  },
  "stage and variables in every form": {
    stage: "build",
    variables: {
      A: "1",
      B: 2,
      C: true,
      D: { value: "x", expand: false },
      E: reference(".v", "variables", "E"),
    },
  },
  "needs in every form": {
    needs: [
      "build",
      { job: "lint", artifacts: false, optional: true },
      { job: "matrix", parallel: { matrix: [{ PROVIDER: "aws", STACK: ["a", "b"] }] } },
      { project: "group/project", job: "build", ref: "main", artifacts: true },
      { pipeline: "$PARENT_PIPELINE_ID", job: "generate" },
      reference(".base", "needs"),
    ],
  },
  "needs: []": { needs: [] },
  "dependencies, extends string and list": {
    dependencies: ["build"],
    extends: [".base", ".node"],
  },
  "extends string": { extends: ".base" },
  "rules in every form": {
    rules: [
      { if: '$CI_COMMIT_BRANCH == "main"', when: "manual", allow_failure: true },
      { changes: ["src/**/*"], variables: { DEPLOY: "true", N: 1 } },
      { changes: { paths: ["Dockerfile"], compare_to: "refs/heads/main" } },
      { exists: ["package.json"] },
      { exists: { paths: ["a.yml"], project: "g/p", ref: "main" } },
      { exists: reference(".x", "exists") },
      { if: "$A", needs: ["build", { job: "lint", optional: true }], interruptible: false },
      { if: "$B", when: "delayed", start_in: "5 minutes" },
      { when: "never" },
      reference(".rules", "rules"),
    ],
  },
  "rules: null": { rules: null },
  "only/except refs and object": {
    only: ["main", "/^release-.*$/", "merge_requests"],
    except: { refs: ["tags"], variables: ["$SKIP"], changes: ["docs/**"], kubernetes: "active" },
  },
  "when delayed with start_in": { when: "delayed", start_in: "30 minutes" },
  "allow_failure forms": { allow_failure: { exit_codes: [137, 255] } },
  "allow_failure single exit code": { allow_failure: { exit_codes: 1 } },
  "artifacts with every report kind": {
    artifacts: {
      name: "$CI_JOB_NAME",
      paths: ["dist/"],
      exclude: ["dist/**/*.map"],
      expose_as: "build output",
      expire_in: "1 week",
      when: "always",
      untracked: false,
      access: "developer",
      public: false,
      reports: {
        junit: ["junit.xml"],
        dotenv: "build.env",
        coverage_report: { coverage_format: "cobertura", path: "coverage.xml" },
        codequality: "gl-code-quality-report.json",
        sast: "gl-sast-report.json",
        terraform: "plan.json",
        cyclonedx: ["sbom.json"],
      },
    },
  },
  "artifacts: null": { artifacts: null },
  "cache single": {
    cache: {
      key: { files: ["package-lock.json"], prefix: "$CI_JOB_NAME" },
      paths: [".npm/"],
      policy: "pull",
      when: "on_success",
      fallback_keys: ["main"],
      unprotect: false,
      untracked: false,
    },
  },
  "cache list with a variable policy": {
    cache: [
      { key: "a", paths: ["a"] },
      { key: "b", paths: ["b"], policy: "$CACHE_POLICY" },
    ],
  },
  coverage: { coverage: "/Lines:\\s+(\\d+\\.\\d+)%/" },
  "environment string": { environment: "production" },
  "environment object": {
    environment: {
      name: "review/$CI_COMMIT_REF_SLUG",
      url: "https://$CI_ENVIRONMENT_SLUG.example.com",
      on_stop: "stop_review",
      action: "start",
      auto_stop_in: "1 day",
      deployment_tier: "development",
      kubernetes: { agent: "group/project:agent", namespace: "review" },
    },
  },
  "hooks, id_tokens, identity, inherit": {
    hooks: { pre_get_sources_script: ["echo hi"] },
    id_tokens: { VAULT_ID_TOKEN: { aud: "https://vault.example.com" } },
    identity: "google_cloud",
    inherit: { default: ["image", "retry"], variables: false },
  },
  "interruptible, resource_group, tags, timeout, manual_confirmation": {
    interruptible: true,
    resource_group: "production",
    tags: ["docker", reference(".tags", "tags")],
    timeout: "1h 30m",
    when: "manual",
    manual_confirmation: "Deploy to production?",
  },
  "tags: [] clears default tags": { tags: [] },
  "parallel number": { parallel: 5 },
  "parallel matrix": { parallel: { matrix: [{ NODE: ["20", "22"], OS: "linux" }, { N: 1 }] } },
  release: {
    release: {
      tag_name: "$CI_COMMIT_TAG",
      description: "./CHANGELOG.md",
      name: "Release $CI_COMMIT_TAG",
      milestones: ["m1"],
      released_at: "2026-01-31T12:00:00Z",
      assets: { links: [{ name: "bin", url: "https://example.com/bin", link_type: "package" }] },
    },
  },
  "retry number": { retry: 2 },
  "retry object": { retry: { max: 2, when: ["runner_system_failure"], exit_codes: [137] } },
  secrets: {
    secrets: {
      DB: { vault: "production/db/password@ops", file: false },
      DB2: { vault: { engine: { name: "kv-v2", path: "ops" }, path: "db", field: "password" } },
      AZ: { azure_key_vault: { name: "secret", version: "1" } },
      GCP: { gcp_secret_manager: { name: "s", version: 2 }, token: "$GCP_ID_TOKEN" },
      AWS: { aws_secrets_manager: { secret_id: "s", region: "eu-west-1" } },
      GL: { gitlab_secrets_manager: { name: "MY_SECRET" } },
    },
  },
  "trigger string": { trigger: "group/downstream" },
  "trigger project": {
    trigger: {
      project: "group/downstream",
      branch: "main",
      strategy: "depend",
      forward: { yaml_variables: true, pipeline_variables: false },
      inputs: { env: "prod" },
    },
  },
  "trigger include string": { trigger: { include: "child.yml" } },
  "trigger include forms": {
    trigger: {
      include: [
        { local: "child.yml", inputs: { a: 1 } },
        { artifact: "generated.yml", job: "generate" },
        { project: "g/p", file: "ci.yml", ref: "main" },
      ],
      strategy: "mirror",
    },
  },
  "pages bool and object, publish": {
    pages: { path_prefix: "v1", expire_in: "1 week" },
    publish: "public",
  },
  "pages true": { pages: true },
  "run steps": {
    run: [
      { name: "hello", script: "echo hello" },
      {
        name: "build",
        step: "gitlab.com/components/build@v1",
        inputs: { target: "x" },
        env: { A: "b" },
      },
      { name: "oci", func: { oci: { registry: "r", repository: "x", tag: "1" } } },
    ],
  },
  "job inputs": {
    inputs: { target: { type: "string", default: "prod", options: ["prod", "dev"] } },
  },
  dast_configuration: { dast_configuration: { site_profile: "site", scanner_profile: "scan" } },
  "whole keywords as !reference": {
    image: reference(".base", "image"),
    cache: reference(".base", "cache"),
    variables: reference(".base", "variables"),
    rules: reference(".base", "rules"),
    needs: reference(".base", "needs"),
    stage: reference(".base", "stage"),
  },
};

describe("jobSchema", () => {
  it.each(Object.entries(accepted))("accepts %s, values unchanged", (_, job) => {
    expect(jobSchema.parse(job)).toEqual(job);
  });

  it("rejects an unknown keyword, naming it", () => {
    expect(issuesOf({ scirpt: ["make"] })).toEqual([
      { path: [], message: 'Unrecognized key: "scirpt"' },
    ]);
  });

  it("rejects unknown keys inside nested objects, with the path", () => {
    expect(issuesOf({ artifacts: { path: ["dist/"] } })[0]?.path).toEqual(["artifacts"]);
    expect(issuesOf({ artifacts: { reports: { junt: "x" } } })).toEqual([
      { path: ["artifacts", "reports"], message: 'Unrecognized key: "junt"' },
    ]);
    expect(issuesOf({ rules: [{ iff: "$A" }] })).toEqual([
      { path: ["rules", 0], message: 'Unrecognized key: "iff"' },
    ]);
    expect(issuesOf({ cache: { key: "k", pathes: ["x"] } })[0]?.path).toEqual(["cache"]);
  });

  it.each([
    ["when outside the enum", { when: "later" }, ["when"]],
    ["retry above 2", { retry: 3 }, ["retry"]],
    ["parallel 0", { parallel: 0 }, ["parallel"]],
    ["empty script", { script: [] }, ["script"]],
    ["script with a number", { script: [1] }, ["script"]],
    ["coverage without slashes", { coverage: "\\d+%" }, ["coverage"]],
    ["identity outside the enum", { identity: "aws" }, ["identity"]],
    ["needs object without job", { needs: [{ artifacts: true }] }, ["needs"]],
    ["a secret without provider", { secrets: { X: { file: true } } }, ["secrets", "X"]],
    [
      "a gcp secret without token",
      { secrets: { X: { gcp_secret_manager: { name: "s" } } } },
      ["secrets", "X", "token"],
    ],
    [
      "changes with paths and regexp",
      { rules: [{ changes: { paths: ["a"], regexp: "b" } }] },
      ["rules"],
    ],
    [
      "a plain array as a !reference",
      { script: [["a"], { tag: "!reference", value: [".a"] }] },
      ["script"],
    ],
  ])("rejects %s", (_, job, path) => {
    const issues = issuesOf(job);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.path.slice(0, path.length)).toEqual(path);
  });

  it("requires start_in on a `when: delayed` job", () => {
    expect(issuesOf({ when: "delayed" })).toEqual([
      { path: ["start_in"], message: "a `when: delayed` job needs `start_in`" },
    ]);
  });

  it("checks the type of job input defaults", () => {
    expect(issuesOf({ inputs: { n: { type: "number", default: "1" } } })[0]?.path).toEqual([
      "inputs",
      "n",
      "default",
    ]);
  });
});
