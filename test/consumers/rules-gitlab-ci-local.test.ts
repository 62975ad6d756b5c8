import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  type PipelineInput,
  pipeline,
  type SelectedJob,
  selectJobs,
  synthGitlab,
  validatePipeline,
} from "pipecraft";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCiRepository,
  type ListedJob,
  removeCiRepository,
  runGitlabCiLocal,
} from "./gitlab-ci-local.js";
import { runProcess } from "./run-process.js";

// pipecraft's job selection against gitlab-ci-local 4.73.0's: for each pipeline × variable set,
// the jobs that would run (name, when, allow_failure) must be equal. Both sides see the same
// variables: gitlab-ci-local's predefined ones (below) under the `--variable` values.
//
// Where gitlab-ci-local is known to differ from GitLab, this test follows GitLab's documentation
// and leaves that case out of the comparison, saying so:
// - `workflow:rules` with `when: never` (or no matching rule): GitLab creates no pipeline;
//   gitlab-ci-local only takes the matching rule's variables and still lists every job.
// - `only`/`except`: gitlab-ci-local ignores them (unit tests cover them).
// - `rules:changes` in a pipeline whose source has no diff (schedule, web, …) or on a new branch:
//   GitLab treats the clause as true; gitlab-ci-local always diffs against origin/<default>.
// - `$EMPTY && $X`: GitLab (Ruby) treats an empty string as true inside `&&`/`||`;
//   gitlab-ci-local evaluates JavaScript, where it is false.
// - `dir/**`: GitLab's fnmatch reads a trailing `**` as `*`; gitlab-ci-local's micromatch as
//   recursive.
// - job names: gitlab-ci-local writes `job: [1/2]` and `job: [a,b]`, GitLab `job 1/2` and
//   `job: [a, b]`; names are mapped to gitlab-ci-local's form before comparing.

const PROJECT = { CI_PROJECT_PATH: "pipecraft/example", CI_PROJECT_NAME: "example" };

/** What gitlab-ci-local predefines on the `feature` branch of the repositories below. */
function gitlabCiLocalPredefined(branch: string): Record<string, string> {
  return {
    ...PROJECT,
    CI_COMMIT_BRANCH: branch,
    CI_COMMIT_REF_NAME: branch,
    CI_DEFAULT_BRANCH: "main",
    CI_PIPELINE_SOURCE: "push",
    CI_COMMIT_TITLE: "Commit Title",
    CI_COMMIT_MESSAGE: "Commit Title\nMore commit text",
    GITLAB_CI: "false",
  };
}

const onBranch = (name: string) => ({ CI_COMMIT_BRANCH: name, CI_COMMIT_REF_NAME: name });
const onTag = (name: string) => ({
  CI_COMMIT_BRANCH: "",
  CI_COMMIT_TAG: name,
  CI_COMMIT_REF_NAME: name,
});
const mergeRequest = {
  CI_PIPELINE_SOURCE: "merge_request_event",
  CI_COMMIT_BRANCH: "",
  CI_MERGE_REQUEST_IID: "7",
  CI_MERGE_REQUEST_TARGET_BRANCH_NAME: "main",
};

type Case = {
  label: string;
  input: PipelineInput;
  variableSets: Record<string, Record<string, string>>;
  /** Variable sets where GitLab creates no pipeline (compared only on our side; see above). */
  noPipeline?: Record<string, Record<string, string>>;
};

const refsAndRegexps: Case = {
  label: "branch, tag and merge request pipelines; regexps",
  input: {
    stages: ["build", "test", "deploy"],
    jobs: {
      build: {
        stage: "build",
        script: ["make"],
        rules: [
          { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
          { if: "$CI_COMMIT_BRANCH" },
          { if: "$CI_COMMIT_TAG" },
        ],
      },
      test: {
        script: ["make test"],
        rules: [
          {
            if: '$CI_PIPELINE_SOURCE == "merge_request_event"',
            when: "manual",
            allow_failure: true,
          },
          { if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", when: "always" },
          { when: "on_success" },
        ],
      },
      docs: {
        script: ["make docs"],
        rules: [
          { if: '$CI_COMMIT_BRANCH =~ /^(feature|fix)-/i || $FORCE_DOCS == "yes"' },
          {
            if: "$CI_COMMIT_REF_NAME != 'main' && ($CI_PIPELINE_SOURCE == 'push' || $CI_PIPELINE_SOURCE == 'web')",
            when: "manual",
          },
        ],
      },
      release: {
        stage: "deploy",
        script: ["make release"],
        rules: [{ if: "$CI_COMMIT_TAG && $CI_COMMIT_REF_NAME !~ /-rc\\d*$/" }],
      },
      deploy: {
        stage: "deploy",
        script: ["make deploy"],
        rules: [
          { if: '$CI_COMMIT_BRANCH == "main"', when: "manual" },
          {
            if: "$CI_COMMIT_TAG =~ /^v\\d+\\.\\d+\\.\\d+$/",
            when: "delayed",
            start_in: "10 minutes",
          },
        ],
      },
      "not-on-branches": {
        script: ["true"],
        rules: [{ if: "$CI_COMMIT_BRANCH", when: "never" }, { when: "always" }],
      },
    },
  },
  variableSets: {
    "push to main": onBranch("main"),
    "push to a feature branch": onBranch("FEATURE-login"),
    "push to another branch": onBranch("chore"),
    "a release tag": onTag("v1.2.0"),
    "a release-candidate tag": onTag("v2.0.0-rc1"),
    "a merge request": mergeRequest,
    "a web pipeline": { ...onBranch("chore"), CI_PIPELINE_SOURCE: "web" },
    "a schedule forcing docs": {
      ...onBranch("main"),
      CI_PIPELINE_SOURCE: "schedule",
      FORCE_DOCS: "yes",
    },
  },
};

const variablesAndMatrix: Case = {
  label: "variables in patterns, precedence, null, parallel and matrix",
  input: {
    variables: { DEPLOY_PATTERN: "/^(main|release-.*)$/", LEVEL: "global" },
    jobs: {
      "by-pattern": { script: ["x"], rules: [{ if: "$CI_COMMIT_REF_NAME =~ $DEPLOY_PATTERN" }] },
      "by-quoted-pattern": { script: ["x"], rules: [{ if: '$CI_COMMIT_REF_NAME =~ "/^REL/i"' }] },
      "skip-by-message": {
        script: ["x"],
        rules: [{ if: "$CI_COMMIT_MESSAGE =~ /skip-this/", when: "never" }, { when: "on_success" }],
      },
      "job-level": {
        script: ["x"],
        variables: { LEVEL: "job" },
        rules: [{ if: '$LEVEL == "job"', when: "manual" }],
      },
      target: {
        script: ["x"],
        rules: [
          { if: "$TARGET =~ /^PROD/i", when: "manual" },
          { if: "$TARGET", when: "on_success", allow_failure: true },
        ],
      },
      matrix: {
        script: ["x"],
        parallel: { matrix: [{ PROVIDER: ["aws", "gcp"], ENVIRONMENT: ["dev", "prod"] }] },
        rules: [{ if: '$PROVIDER == "aws" || $ENVIRONMENT == "dev"' }],
      },
      sharded: { script: ["x"], parallel: 2, rules: [{ if: "$RUN_SHARDS" }] },
      "undefined-is-null": {
        script: ["x"],
        rules: [{ if: '$NOT_SET == null && $CI_COMMIT_REF_NAME != "nope"' }],
      },
    },
  },
  variableSets: {
    main: onBranch("main"),
    "a release branch": onBranch("release-1.0"),
    "a production target": { ...onBranch("feature"), TARGET: "production" },
    "a staging target": { ...onBranch("feature"), TARGET: "staging", RUN_SHARDS: "1" },
    "a skip message": { ...onBranch("feature"), CI_COMMIT_MESSAGE: "please skip-this one" },
    "LEVEL from the run": { ...onBranch("feature"), LEVEL: "run" },
  },
};

// The repository's files on `main`, and what the `feature` branch changes.
const FILES = {
  Dockerfile: "FROM scratch\n",
  "package.json": "{}\n",
  "src/app.ts": "export {};\n",
  "src/lib/util.ts": "export {};\n",
  "docs/guide.md": "# Guide\n",
  ".config/settings.json": "{}\n",
  "charts/app/values.yaml": "a: 1\n",
};
const FEATURE_CHANGES = {
  "src/lib/util.ts": "export const changed = 1;\n",
  "docs/guide.md": "# Guide, changed\n",
  "src/new.ts": "export {};\n",
};

const existsAndChanges: Case = {
  label: "exists and changes",
  input: {
    jobs: {
      docker: { script: ["x"], rules: [{ exists: ["Dockerfile"] }] },
      python: { script: ["x"], rules: [{ exists: ["**/*.py"] }] },
      typescript: { script: ["x"], rules: [{ exists: { paths: ["src/**/*.ts"] } }] },
      "dot-folder": { script: ["x"], rules: [{ exists: [".config/*.json"] }] },
      chart: { script: ["x"], rules: [{ exists: ["charts/*/values.yaml"] }] },
      frontend: { script: ["x"], rules: [{ changes: ["src/**/*"] }] },
      docs: {
        script: ["x"],
        rules: [
          {
            if: '$CI_PIPELINE_SOURCE == "merge_request_event"',
            changes: { paths: ["docs/*.md"] },
            when: "manual",
          },
          { changes: ["docs/**/*"] },
        ],
      },
      backend: { script: ["x"], rules: [{ changes: ["server/**/*"] }] },
      both: { script: ["x"], rules: [{ exists: ["package.json"], changes: ["src/*.ts"] }] },
      braces: { script: ["x"], rules: [{ changes: ["{lib,src}/new.ts"] }] },
      "exists-but-unchanged": {
        script: ["x"],
        rules: [{ exists: ["Dockerfile"], changes: ["Dockerfile"] }, { when: "manual" }],
      },
    },
  },
  variableSets: {
    "push to feature": onBranch("feature"),
    "a merge request": mergeRequest,
  },
};

const workflow: Case = {
  label: "workflow:rules",
  input: {
    variables: { MODE: "default" },
    workflow: {
      name: "Run $MODE",
      rules: [
        { if: "$CI_COMMIT_MESSAGE =~ /wip/", when: "never" },
        { if: "$CI_COMMIT_TAG", variables: { MODE: "release" } },
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', variables: { MODE: "review" } },
        { if: "$CI_COMMIT_BRANCH", variables: { MODE: "branch" } },
      ],
    },
    jobs: {
      build: { script: ["x"] },
      release: { script: ["x"], rules: [{ if: '$MODE == "release"' }] },
      review: { script: ["x"], rules: [{ if: '$MODE == "review"', when: "manual" }] },
      branch: {
        script: ["x"],
        rules: [{ if: '$MODE == "branch" && $CI_COMMIT_BRANCH != "main"' }],
      },
    },
  },
  variableSets: {
    main: onBranch("main"),
    feature: onBranch("feature"),
    tag: onTag("v1.0.0"),
    "merge request": mergeRequest,
  },
  noPipeline: {
    "a wip commit": { ...onBranch("feature"), CI_COMMIT_MESSAGE: "wip: later" },
    "no rule matches": { CI_COMMIT_BRANCH: "", CI_PIPELINE_SOURCE: "web" },
  },
};

const git = async (cwd: string, ...args: string[]) => {
  const result = await runProcess(
    "git",
    ["-c", "user.name=pipecraft-test", "-c", "user.email=test@pipecraft.invalid", ...args],
    { cwd },
  );
  if (result.exitCode !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
};

function gitlabCiLocalName(job: SelectedJob): string {
  const parallel = /^(.*) (\d+\/\d+)$/.exec(job.name);
  if (parallel !== null && parallel[1] === job.job) return `${job.job}: [${parallel[2]}]`;
  return job.name.replace(
    /^(.*): \[(.*)\]$/,
    (_, name: string, values: string) => `${name}: [${values.split(", ").join(",")}]`,
  );
}

type Row = [name: string, when: string, allowFailure: unknown];
const byName = (a: Row, b: Row) => a[0].localeCompare(b[0]);

describe.each([refsAndRegexps, variablesAndMatrix, existsAndChanges, workflow])(
  "rules: pipecraft selects the jobs gitlab-ci-local 4.73.0 lists — $label",
  (testCase) => {
    const definition = pipeline(testCase.input);
    const model = validatePipeline(definition).pipeline!;
    let repo = "";
    let files: string[] = [];

    beforeAll(async () => {
      repo = await createCiRepository({
        ...FILES,
        ".gitlab-ci.yml": synthGitlab(model).output ?? "",
      });
      await git(repo, "checkout", "--quiet", "-b", "feature");
      for (const [path, content] of Object.entries(FEATURE_CHANGES)) {
        await mkdir(dirname(join(repo, path)), { recursive: true });
        await writeFile(join(repo, path), content);
      }
      await git(repo, "add", "--all");
      await git(repo, "commit", "--quiet", "--message", "feature work");
      files = (await git(repo, "ls-files")).split("\n").filter((line) => line !== "");
    });
    afterAll(async () => {
      if (repo !== "") await removeCiRepository(repo);
    });

    const ours = (variables: Record<string, string>) =>
      selectJobs(model, {
        predefined: gitlabCiLocalPredefined("feature"),
        variables,
        files,
        changedFiles: Object.keys(FEATURE_CHANGES),
      });

    it.each(Object.entries(testCase.variableSets))("%s", async (_, variables) => {
      const args = Object.entries(variables).flatMap(([name, value]) => [
        "--variable",
        `${name}=${value}`,
      ]);
      // Overriding predefined variables is the point here; silence gitlab-ci-local's warning.
      const ignore = ["--ignore-predefined-vars", Object.keys(variables).join(",")];
      const result = await runGitlabCiLocal(repo, ["--list-json", ...ignore, ...args]);
      expect(result.exitCode, result.stderr).toBe(0);
      const listed = (JSON.parse(result.stdout) as ListedJob[])
        .filter((job) => job.when !== "never")
        .map((job): Row => [job.name, job.when, job.allow_failure])
        .sort(byName);
      const selection = ours(variables);
      expect(selection.runs).toBe(true);
      expect(selection.diagnostics).toEqual([]);
      const selected = selection.jobs
        .map((job): Row => [gitlabCiLocalName(job), job.when, job.allowFailure])
        .sort(byName);
      expect(selected).toEqual(listed);
    });

    it.skipIf(testCase.noPipeline === undefined).each(Object.entries(testCase.noPipeline ?? {}))(
      "%s: no pipeline (GitLab's documented behaviour; gitlab-ci-local still lists the jobs)",
      (_, variables) => {
        expect(ours(variables)).toMatchObject({ runs: false, jobs: [] });
      },
    );
  },
);
