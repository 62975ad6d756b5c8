// `pipecraft run`'s mistakes that need no cluster: each usage error is exit 2 with an exact
// message; a pipeline that cannot run (workflow, needs, kubeconfig) is exit 1 with one line. The
// runs themselves are tested on the control plane (test/cluster/runtime-*.test.ts).
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DEFAULT_GIT_IMAGE, DEFAULT_HELPER_IMAGE } from "@pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usage } from "../src/usage.js";
import { makeProject, removeProject, run } from "./project.js";

let project: string;
const seeHelp = 'Run "pipecraft run --help" for usage.\n';

// A kubeconfig naming a cluster nothing listens on: every error below comes before a request.
const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: nowhere
  cluster: { server: "https://127.0.0.1:1" }
users:
- name: someone
  user: { token: "t" }
contexts:
- name: nowhere
  context: { cluster: nowhere, user: someone }
current-context: nowhere
`;

beforeAll(async () => {
  project = await makeProject({
    "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  stages: ["build", "deploy"],
  jobs: {
    build: { stage: "build", image: "alpine", script: ["make"], rules: [{ if: '$BUILD == "yes"' }] },
    deploy: { stage: "deploy", image: "alpine", script: ["make deploy"], needs: ["build"] },
    approve: { stage: "deploy", image: "alpine", script: ["true"], when: "manual" },
  },
});
`,
    "plain.ts": `import { pipeline } from "pipecraft";
export default pipeline({ jobs: { build: { image: "alpine", script: ["make"] } } });
`,
    "strategies.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  jobs: {
    build: { image: "alpine", script: ["make"] },
    lint: { image: "alpine", script: ["make lint"], variables: { GIT_STRATEGY: "clon" } },
  },
});
`,
    "clone-path.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  jobs: { build: { image: "alpine", script: ["make"], variables: { GIT_CLONE_PATH: "/src/app" } } },
});
`,
    "sources.ts": `import { pipeline } from "pipecraft";
export default pipeline({ jobs: { sources: { image: "alpine", script: ["ls"] } } });
`,
    "never.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  workflow: { rules: [{ if: '$CI_COMMIT_BRANCH == "release"' }] },
  jobs: { build: { image: "alpine", script: ["make"] } },
});
`,
  });
  await writeFile(join(project, "kubeconfig"), kubeconfig);
  await writeFile(
    join(project, "no-context"),
    kubeconfig.replace("current-context: nowhere\n", ""),
  );
});
afterAll(() => removeProject(project));

const kube = ["--kubeconfig", "kubeconfig"];

describe("pipecraft run: usage errors (exit 2)", () => {
  it.each([
    [["--output", "yaml"], '--output must be text or json, not "yaml"'],
    [["--qps", "0"], "--qps must be a positive number, not 0"],
    [["--qps", "fast"], "--qps must be a positive number, not NaN"],
    [["--burst", "2.5"], "--burst must be a whole number of at least 1, not 2.5"],
    [["--var", "FOO"], "--var FOO: expected NAME=VALUE with NAME made of letters, digits and _"],
    [["--var", "1X=2"], "--var 1X=2: expected NAME=VALUE with NAME made of letters, digits and _"],
    [["--var"], "option --var needs a value"],
    [["--manual", "--var", "A=1"], "option --manual needs a value"],
    [
      ["--run-id", "Run_1"],
      "--run-id is not a run id: up to 20 lower-case letters, digits and '-', starting and ending with a letter or digit",
    ],
    [["--namespace", "Not-A-Name"], "--namespace Not-A-Name is not a namespace name"],
    [["--target", "gitlab"], "unknown option --target"],
    [["--app", "nope.ts"], "--app file not found: nope.ts"],
    [
      ["--source", "gti"],
      '--source must be one of local, git, none, not "gti"; did you mean "git"?',
    ],
    [["--source", "remote"], '--source must be one of local, git, none, not "remote"'],
    [["--git-image", "alpine/git"], "--git-image applies to --source git only"],
    [
      ["--source", "local", "--git-credentials", "git"],
      "--git-credentials applies to --source git only",
    ],
    [["--source", "git", "--git-image="], "option --git-image needs a value"],
    [
      ["--source", "git", "--git-credentials", "Git_Token"],
      "--git-credentials Git_Token is not a Secret name (lower-case letters, digits, - and .)",
    ],
    [
      ["--attach", "r1", "--git-image", "alpine/git", "--git-credentials", "git"],
      "--attach r1 follows a run that is already planned; leave out --git-image, --git-credentials",
    ],
    [["--artifacts", "pipeline.ts"], "--artifacts pipeline.ts is a file, not a directory"],
    [
      ["--attach", "r1", "--run-id", "r2", "--var", "A=1"],
      "--attach r1 follows a run that is already planned; leave out --run-id, --var",
    ],
    [
      ["--attach", "r1", "--source", "local", "--artifacts", "out"],
      "--attach r1 follows a run that is already planned; leave out --source, --artifacts",
    ],
    [["--attach"], "option --attach needs a value"],
  ])("pipecraft run %j", async (args, message) => {
    expect(await run(["run", ...args], project)).toEqual({
      code: 2,
      stdout: "",
      stderr: `pipecraft run: ${message}\n${seeHelp}`,
    });
  });

  it("--manual naming no manual job of the run lists the manual jobs", async () => {
    const result = await run(
      ["run", ...kube, "--var", "BUILD=yes", "--manual", "deploy", "--manual", "approve"],
      project,
    );
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `pipecraft run: --manual deploy: no manual job of that name in this run (manual jobs: approve)\n${seeHelp}`,
    });
  });

  it("pipecraft run --help documents every option and the exit codes", async () => {
    expect(await run(["run", "--help"], project)).toEqual({
      code: 0,
      stdout: usage("run"),
      stderr: "",
    });
    for (const option of [
      "--app",
      "--namespace",
      "--run-id",
      "--var",
      "--manual",
      "--all-manual",
      "--source local",
      "--source git",
      "--source none",
      "--git-image",
      "--git-credentials",
      "--artifacts",
      "--helper-image",
      "--output",
      "--service-logs",
      "--attach",
    ]) {
      expect(usage("run")).toContain(option);
    }
    expect(usage("run")).toContain(`(default: ${DEFAULT_HELPER_IMAGE})`);
    expect(usage("run")).toContain(`default: ${DEFAULT_GIT_IMAGE})`);
    for (const option of ["--kubeconfig", "--context", "130"])
      expect(usage("run")).toContain(option);
    expect(usage()).toContain("pipecraft run [options]");
  });
});

describe("pipecraft run --source local outside a git working tree (exit 2)", () => {
  it("says what --source local uploads and how to get a working tree", async () => {
    const env = { PATH: process.env.PATH ?? "", GIT_CEILING_DIRECTORIES: dirname(project) };
    const result = await run(
      ["run", ...kube, "--app", "never.ts", "--source", "local"],
      project,
      env,
    );
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `pipecraft run: --source local uploads the files git tracks or would track, and ${project} is not in a git working tree; run \`git init\` there, or leave out --source\n${seeHelp}`,
    });
  });
});

describe("pipecraft run --source git: what it cannot fetch (exit 1, before the cluster)", () => {
  const outside = () => ({
    PATH: process.env.PATH ?? "",
    GIT_CEILING_DIRECTORIES: dirname(project),
  });

  it("outside a git repository: no CI_REPOSITORY_URL, no CI_COMMIT_SHA, each with its fix", async () => {
    const result = await run(
      ["run", ...kube, "--app", "plain.ts", "--source", "git"],
      project,
      outside(),
    );
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "pipecraft run: --source git fetches CI_REPOSITORY_URL, and it is not set (this repository has no remote origin); pass --var CI_REPOSITORY_URL=URL, or use --source local or none\n" +
        "pipecraft run: --source git fetches CI_COMMIT_SHA, and it is not set (the pipeline file is not in a git repository with a commit); pass --var CI_COMMIT_SHA=SHA, or use --source local or none\n",
    });
  });

  it("GIT_DEPTH, GIT_SUBMODULE_STRATEGY and a job's GIT_STRATEGY that GitLab would refuse", async () => {
    const result = await run(
      [
        "run",
        ...kube,
        "--app",
        "strategies.ts",
        "--source",
        "git",
        "--var",
        "CI_REPOSITORY_URL=https://ci:s3cret@git.example/shop.git",
        "--var",
        "CI_COMMIT_SHA=0123456789abcdef0123456789abcdef01234567",
        "--var",
        "GIT_DEPTH=shallow",
        "--var",
        "GIT_SUBMODULE_STRATEGY=deep",
      ],
      project,
      outside(),
    );
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'pipecraft run: jobs.lint.variables: GIT_STRATEGY "clon" is not one of clone, fetch, none, empty\n' +
        'pipecraft run: variables: GIT_DEPTH "shallow" is not a number of commits (0 fetches the whole history)\n' +
        'pipecraft run: variables: GIT_SUBMODULE_STRATEGY "deep" is not one of none, normal, recursive\n',
    });
  });

  it("an SSH remote without --git-credentials: the run says it needs a key, and the fixes", async () => {
    const result = await run(
      [
        "run",
        ...kube,
        "--app",
        "plain.ts",
        "--source",
        "git",
        "--var",
        "CI_REPOSITORY_URL=git@git.example:shop/app.git",
        "--var",
        "CI_COMMIT_SHA=0123456789abcdef0123456789abcdef01234567",
      ],
      project,
      outside(),
    );
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "pipecraft run: --source git fetches CI_REPOSITORY_URL git@git.example:shop/app.git, an SSH remote, and SSH needs a key; pass --git-credentials SECRET (a kubernetes.io/ssh-auth Secret with the keys ssh-privatekey and known_hosts), or an HTTPS URL with --var CI_REPOSITORY_URL=https://...\n",
    });
  });

  it("a GIT_CLONE_PATH outside CI_BUILDS_DIR stops the run, naming it and the fix", async () => {
    const result = await run(["run", ...kube, "--app", "clone-path.ts"], project, outside());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      'clone-path.ts:3:68: jobs.build.variables.GIT_CLONE_PATH: GIT_CLONE_PATH "/src/app" is /src/app, not inside CI_BUILDS_DIR (/builds), which GitLab requires too; use a path under /builds/, or set kubernetes.projectDir for a workspace elsewhere\n1 error in clone-path.ts\n',
    );
  });

  it("a job named sources collides with the sources job", async () => {
    const result = await run(
      [
        "run",
        ...kube,
        "--app",
        "sources.ts",
        "--source",
        "git",
        "--var",
        "CI_REPOSITORY_URL=https://git.example/shop.git",
        "--var",
        "CI_COMMIT_SHA=0123456789abcdef0123456789abcdef01234567",
      ],
      project,
      outside(),
    );
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'pipecraft run: --source git adds a job named "sources", and the pipeline has one; rename that job, or use --source local or none\n',
    });
  });
});

describe("pipecraft run: pipelines and kubeconfigs that cannot run (exit 1)", () => {
  it("a need of a job the rules leave out", async () => {
    expect(await run(["run", ...kube], project)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'pipecraft run: "deploy" needs "build", which is not in this run (its rules leave it out); make the need optional: true or fix the rules\n',
    });
  });

  it("workflow:rules that create no pipeline", async () => {
    expect(await run(["run", ...kube, "--app", "never.ts"], project)).toEqual({
      code: 1,
      stdout: "",
      stderr: "pipecraft run: workflow:rules: the pipeline does not run for these variables\n",
    });
  });

  it("an unknown --context lists the kubeconfig's contexts", async () => {
    const result = await run(["run", ...kube, "--context", "prod"], project);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `pipecraft run: --context prod: no such context in ${join(project, "kubeconfig")} (contexts: nowhere)\n`,
    });
  });

  it("a kubeconfig without a current context asks for --context", async () => {
    expect(await run(["run", "--kubeconfig", "no-context"], project)).toEqual({
      code: 1,
      stdout: "",
      stderr: `pipecraft run: ${join(project, "no-context")} has no current context with a cluster; pass --context\n`,
    });
  });

  it("a kubeconfig that cannot be read", async () => {
    const result = await run(["run", "--kubeconfig", "missing.yaml"], project);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^pipecraft run: cannot read the kubeconfig ${join(project, "missing.yaml")}: .*ENOENT.*\\n$`,
      ),
    );
  });

  it("without --kubeconfig, $KUBECONFIG's first file is used", async () => {
    const result = await run(["run", "--context", "prod"], project, {
      KUBECONFIG: `${join(project, "kubeconfig")}:/elsewhere`,
    });
    expect(result.stderr).toContain(`no such context in ${join(project, "kubeconfig")}`);
  });
});

describe("pipecraft rbac", () => {
  it("prints the Role and a RoleBinding to the ServiceAccount pipecraft by default", async () => {
    const r = await run(["rbac", "--namespace", "ci"], project);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "kind: Role\nmetadata:\n  name: pipecraft-runner\n  namespace: ci\n",
    );
    expect(r.stdout).toContain(
      "  - kind: ServiceAccount\n    name: pipecraft\n    namespace: ci\n",
    );
  });

  it.each([
    [
      ["--user", "a", "--group", "b"],
      "--user and --group both name the subject: give one of --user, --group, --service-account",
    ],
    [["--namespace", "Bad_NS"], "--namespace Bad_NS is not a namespace name"],
    [["--user", ""], "option --user needs a value"],
  ])("%j is a usage error", async (args, message) => {
    const r = await run(["rbac", ...args], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pipecraft rbac: ${message}\nRun "pipecraft rbac --help" for usage.\n`);
  });
});

describe("pipecraft apply: usage errors (exit 2)", () => {
  it.each([
    [
      ["--target", "gitlab"],
      "--target gitlab is not applied to a cluster; use --target kubernetes or kaniko",
    ],
    [["--dry-run", "client"], '--dry-run must be server, not "client"'],
    [["--applyset", "x"], "--applyset names the set to prune: add --prune"],
    [["--qps=-1"], "--qps must be a positive number, not -1"],
  ])("%j", async (args, message) => {
    const r = await run(["apply", ...kube, ...args], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pipecraft apply: ${message}\nRun "pipecraft apply --help" for usage.\n`);
  });

  it("a cluster nothing listens on is one line, exit 1", async () => {
    const r = await run(["apply", ...kube, "--app", "pipeline.ts"], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /\npipecraft apply: could not get persistentvolumeclaims in namespace "default" after 6 attempts: .*ECONNREFUSED.*\n$/,
    );
  });
});
