// `--var NAME=VALUE` on synth and validate, in-process: parsing and its usage errors, GitLab's
// precedence over predefined (git) and pipeline variables, and the job sets the Kubernetes target
// writes for different values; outside a git repository, one warning.
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { loadAll } from "js-yaml";
import { describe, expect, it } from "vitest";
import { run, useProjects } from "./project.js";

const project = useProjects();

const packageJson = JSON.stringify({ name: "shop", private: true, type: "module" });

/** Jobs with rules on the branch, a pipeline variable, and a manual deploy. */
const withRules = `import { pipeline } from "pipecraft";

export default pipeline({
  stages: ["build", "test", "deploy"],
  default: { image: "alpine:3.20" },
  variables: { TARGET: "staging" },
  jobs: {
    build: { stage: "build", script: ["make"] },
    lint: { stage: "test", script: ["make lint"], rules: [{ if: '$CI_COMMIT_BRANCH != "main"' }] },
    deploy: {
      stage: "deploy",
      script: ["make deploy"],
      rules: [
        { if: '$CI_COMMIT_BRANCH == "main"', when: "manual" },
        { if: '$TARGET == "prod"' },
      ],
    },
  },
});
`;

const gitEnv = (home: string) => ({
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: home,
  GIT_CONFIG_NOSYSTEM: "1",
});

/** A project that is its own git repository, with one commit on `branch`. */
async function repository(text: string, branch = "main"): Promise<string> {
  const directory = await project({ "package.json": packageJson, "pipeline.ts": text });
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.com", ...args], {
      cwd: directory,
      env: gitEnv(directory),
    });
  git("init", "-q", "-b", branch);
  git("add", "-A");
  git("commit", "-q", "-m", "one");
  return directory;
}

type Job = {
  metadata: { name: string; annotations: Record<string, string> };
  spec: { suspend?: boolean };
};

/** `name release` of each Job: release is pipecraft.dev/release, or `now` when not suspended. */
function jobs(yaml: string): string[] {
  return (loadAll(yaml) as (Job & { kind: string })[])
    .filter((object) => object.kind === "Job")
    .map((job) => {
      const release = job.metadata.annotations["pipecraft.dev/release"];
      expect(job.spec.suspend === true).toBe(release !== undefined);
      return `${job.metadata.name} ${release ?? "now"}`;
    });
}

async function synth(directory: string, ...args: string[]) {
  return run(
    ["synth", "--target", "kubernetes", "--stdout", ...args],
    directory,
    gitEnv(directory),
  );
}

describe("synth --target kubernetes --var", () => {
  it("writes the jobs GitLab would create for the variables, each as its rule made it", async () => {
    const directory = await repository(withRules, "feature");
    const feature = await synth(directory, "--var", "TARGET=staging");
    expect(feature.stderr).toBe("");
    expect(jobs(feature.stdout)).toEqual(["shop-build now", "shop-lint after-stages"]);

    const main = await synth(directory, "--var", "CI_COMMIT_BRANCH=main");
    expect(jobs(main.stdout)).toEqual(["shop-build now", "shop-deploy manual"]);

    const prod = await synth(directory, "--var", "TARGET=prod");
    expect(jobs(prod.stdout)).toEqual([
      "shop-build now",
      "shop-lint after-stages",
      "shop-deploy after-stages",
    ]);
  });

  it("reads the branch from git; --var overrides it (predefined < pipeline < --var)", async () => {
    const directory = await repository(withRules, "main");
    const fromGit = await synth(directory, "--var", "UNUSED=1");
    expect(jobs(fromGit.stdout)).toEqual(["shop-build now", "shop-deploy manual"]);
    const overridden = await synth(directory, "--var", "CI_COMMIT_BRANCH=topic");
    expect(jobs(overridden.stdout)).toEqual(["shop-build now", "shop-lint after-stages"]);
    // A pipeline variable is over a predefined one and under --var.
    const pipelineVariable = withRules.replace('TARGET: "staging"', 'CI_COMMIT_BRANCH: "topic"');
    const other = await repository(pipelineVariable, "main");
    expect(jobs((await synth(other, "--var", "X=1")).stdout)).toEqual([
      "shop-build now",
      "shop-lint after-stages",
    ]);
    expect(jobs((await synth(other, "--var", "CI_COMMIT_BRANCH=main")).stdout)).toEqual([
      "shop-build now",
      "shop-deploy manual",
    ]);
  });

  it("without --var writes every job; a rule's when: manual still suspends it", async () => {
    const directory = await repository(withRules, "feature");
    const result = await synth(directory);
    expect(jobs(result.stdout)).toEqual([
      "shop-build now",
      "shop-lint after-stages",
      "shop-deploy manual",
    ]);
    expect(result.stderr).toContain(
      "pipeline.ts:13:7: jobs.deploy.rules: warning: skipped on Kubernetes: evaluated only with --var",
    );
  });

  it("the summary counts the jobs created of all jobs", async () => {
    const directory = await repository(withRules, "feature");
    const result = await run(
      ["synth", "--target", "kubernetes", "--var", "A=1"],
      directory,
      gitEnv(directory),
    );
    expect(result).toEqual({
      code: 0,
      stdout: "",
      stderr: "wrote kubernetes.yaml (2 of 3 jobs, 3 objects)\n",
    });
  });

  it("outside a git repository says so in one warning line and reads nothing from git", async () => {
    const directory = await project({ "package.json": packageJson, "pipeline.ts": withRules });
    const env = { ...gitEnv(directory), GIT_CEILING_DIRECTORIES: dirname(directory) };
    const result = await run(
      ["synth", "--target", "kubernetes", "--stdout", "--var", "TARGET=prod"],
      directory,
      env,
    );
    expect(result.stderr).toBe(
      `warning: ${directory} is not in a git repository: rules see no CI_COMMIT_* variables (give a branch with --var CI_COMMIT_BRANCH=NAME)\n`,
    );
    // No CI_COMMIT_BRANCH: `!= "main"` holds, `== "main"` does not, and a job without rules
    // (GitLab's only: [branches, tags]) is not created: lint has no earlier job to wait for.
    expect(jobs(result.stdout)).toEqual(["shop-lint now", "shop-deploy after-stages"]);
    const onBranch = await run(
      ["synth", "--target", "kubernetes", "--stdout", "--var", "CI_COMMIT_BRANCH=main"],
      directory,
      env,
    );
    expect(jobs(onBranch.stdout)).toEqual(["shop-build now", "shop-deploy manual"]);
  });

  it("CI_PIPELINE_ID is the --run-id, else local", async () => {
    const text = withRules.replace(
      "{ if: '$TARGET == \"prod\"' }",
      "{ if: '$CI_PIPELINE_ID == \"r1\"' }",
    );
    const directory = await repository(text, "feature");
    expect(jobs((await synth(directory, "--var", "A=1")).stdout)).not.toContain(
      "shop-deploy after-stages",
    );
    expect(jobs((await synth(directory, "--var", "A=1", "--run-id", "r1")).stdout)).toContain(
      "shop-deploy after-stages",
    );
  });

  it("a need on a job the variables do not create is an error, and nothing is written", async () => {
    const text = withRules.replace(
      'script: ["make deploy"],',
      'script: ["make deploy"], needs: ["lint"],',
    );
    const directory = await repository(text, "main");
    const result = await run(
      ["synth", "--target", "kubernetes", "--var", "A=1"],
      directory,
      gitEnv(directory),
    );
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'pipeline.ts:12:40: jobs.deploy.needs[0]: "deploy" needs "lint", which its rules do not create for these variables; GitLab would not create this pipeline (use needs: [{ job: "lint", optional: true }] if that is intended)\n1 error in pipeline.ts\n',
    });
  });

  it("workflow:rules that create no pipeline: a warning, and no Jobs", async () => {
    const text = withRules.replace(
      "  jobs: {",
      "  workflow: { rules: [{ if: '$CI_COMMIT_BRANCH == \"main\"' }] },\n  jobs: {",
    );
    const directory = await repository(text, "feature");
    const result = await synth(directory, "--var", "A=1");
    expect(result.code).toBe(0);
    expect(jobs(result.stdout)).toEqual([]);
    expect(result.stderr).toBe(
      "pipeline.ts:7:3: workflow: warning: workflow:rules create no pipeline for these variables: no Jobs are written\n1 warning in pipeline.ts\n",
    );
  });
});

describe("graph --var", () => {
  const graph = (directory: string, ...args: string[]) =>
    run(["graph", "--stdout", "--format", "dot", ...args], directory, gitEnv(directory));
  const greyed = (dot: string) =>
    [...dot.matchAll(/label="([^"\\]*)\\nleft out by rules/g)].map((match) => match[1]);

  it("greys the jobs GitLab would not create for the variables, and only with --var", async () => {
    const directory = await repository(withRules, "feature");
    const feature = await graph(directory, "--var", "TARGET=staging");
    expect(feature.stderr).toBe("");
    expect(feature.code).toBe(0);
    expect(greyed(feature.stdout)).toEqual(["deploy"]);
    const main = await graph(directory, "--var", "CI_COMMIT_BRANCH=main");
    expect(greyed(main.stdout)).toEqual(["lint"]);
    expect(main.stdout).toContain('label="deploy\\nmanual"');
    expect(greyed((await graph(directory)).stdout)).toEqual([]);
  });
});

describe("the file lists from git", () => {
  const byFiles = `import { pipeline } from "pipecraft";

export default pipeline({
  default: { image: "alpine:3.20" },
  jobs: {
    docker: { script: ["x"], rules: [{ exists: ["Dockerfile"] }] },
    helm: { script: ["x"], rules: [{ exists: ["chart/**/*"] }] },
    web: { script: ["x"], rules: [{ changes: ["web/**/*"] }] },
    api: { script: ["x"], rules: [{ changes: ["api/**/*"] }] },
    since: {
      script: ["x"],
      rules: [{ changes: { paths: ["api/**/*"], compare_to: "refs/heads/main" } }],
    },
  },
});
`;

  it("exists sees git ls-files; changes the last commit; compare_to the diff since the ref", async () => {
    const directory = await project({
      "package.json": packageJson,
      "pipeline.ts": byFiles,
      Dockerfile: "FROM x",
      "api/a.ts": "1",
    });
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.com", ...args], {
        cwd: directory,
        env: gitEnv(directory),
      });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "one");
    git("checkout", "-q", "-b", "feature");
    await writeFile(join(directory, "web.txt"), "");
    await mkdir(join(directory, "web"));
    await writeFile(join(directory, "web/index.html"), "<p>");
    git("add", "-A");
    git("commit", "-q", "-m", "two");
    const result = await synth(directory, "--var", "A=1");
    expect(result.stderr).toBe("");
    expect(jobs(result.stdout)).toEqual(["shop-docker now", "shop-web now"]);
    // api changed since main only on a branch that touches it.
    await writeFile(join(directory, "api/a.ts"), "2");
    git("commit", "-q", "-am", "three");
    await writeFile(join(directory, "README.md"), "");
    git("add", "-A");
    git("commit", "-q", "-m", "four");
    expect(jobs((await synth(directory, "--var", "A=1")).stdout)).toEqual([
      "shop-docker now",
      "shop-since now",
    ]);
  });
});

describe("validate --var", () => {
  it("checks the selection and counts the jobs created", async () => {
    const directory = await repository(withRules, "main");
    expect(
      await run(
        ["validate", "--target", "kubernetes", "--var", "TARGET=prod"],
        directory,
        gitEnv(directory),
      ),
    ).toEqual({
      code: 0,
      stdout: "",
      stderr: "pipeline.ts is valid for kubernetes (2 of 3 jobs)\n",
    });
  });
});

describe("--var usage errors", () => {
  const usage = (command: string, message: string) => ({
    code: 2,
    stdout: "",
    stderr: `pipecraft ${command}: ${message}\nRun "pipecraft ${command} --help" for usage.\n`,
  });

  it.each([
    [["--var", "FOO"], '--var "FOO" is not NAME=VALUE; write --var FOO=VALUE'],
    [["--var", "=x"], '--var "=x" has no variable name before "="'],
    [
      ["--var", "1A=x"],
      '--var "1A=x": "1A" is not a variable name (letters, digits and _, not starting with a digit)',
    ],
    [
      ["--var", "MY-VAR=x"],
      '--var "MY-VAR=x": "MY-VAR" is not a variable name (letters, digits and _, not starting with a digit)',
    ],
    [["--var", "A=1", "--var", "A=2"], "--var A given more than once"],
    [["--var"], "option --var needs a value"],
    [["--var", "--stdout"], "option --var needs a value"],
  ])("synth --target kubernetes %j", async (args, message) => {
    const directory = await project({ "package.json": packageJson, "pipeline.ts": withRules });
    expect(await run(["synth", "--target", "kubernetes", ...args], directory)).toEqual(
      usage("synth", message),
    );
  });

  it("--var with the GitLab target, which evaluates rules itself", async () => {
    const directory = await project({ "package.json": packageJson, "pipeline.ts": withRules });
    const message =
      "--var applies to --target kubernetes, kaniko and graph only; GitLab evaluates rules itself";
    expect(await run(["synth", "--var", "A=1"], directory)).toEqual(usage("synth", message));
    expect(await run(["validate", "--var", "A=1"], directory)).toEqual(usage("validate", message));
  });

  it("a value may be empty and may hold '='", async () => {
    const text = withRules.replace("{ if: '$TARGET == \"prod\"' }", "{ if: '$TARGET == \"a=b\"' }");
    const directory = await repository(text, "feature");
    expect(jobs((await synth(directory, "--var", "TARGET=a=b")).stdout)).toContain(
      "shop-deploy after-stages",
    );
    expect(jobs((await synth(directory, "--var", "TARGET=")).stdout)).not.toContain(
      "shop-deploy after-stages",
    );
  });
});
