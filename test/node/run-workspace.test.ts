// `pipecraft run --source local --artifacts DIR` on the real node, through the CLI: the git working
// tree (without what .gitignore ignores) is in the workspace before the first job, and the
// artifacts:paths of the jobs that ended as their artifacts:when asks come back into DIR, both
// through a helper Pod on the workspace claim (exec + tar), which is gone afterwards.
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  listFiles,
  makeProject,
  removeProject,
  repoRoot,
  run,
} from "../../packages/cli/test/project.js";
import { waitFor } from "../cluster/helpers.js";
import { testKubeconfigPath } from "../cluster/kubeconfig.js";
import { baselineNamespace, core, jobLogs, NODE_IMAGES } from "./node-support.js";

let ns: { name: string; remove: () => Promise<void> };
let project: string;

const pipelineFile = `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "ws" },
  stages: ["build", "test"],
  default: { image: "${NODE_IMAGES.debian}" },
  jobs: {
    build: {
      stage: "build",
      script: [
        "cat src/hello.txt notes.txt",
        "test ! -e secret.env && echo no secret.env",
        "mkdir -p dist reports && echo built > dist/app.txt && echo '<x/>' > reports/a.xml && echo no > reports/a.txt",
      ],
      artifacts: { paths: ["dist/", "reports/*.xml", "missing/"] },
    },
    lint: {
      stage: "build",
      allow_failure: true,
      script: ["echo lint > lint.txt", "exit 3"],
      artifacts: { paths: ["lint.txt"], when: "on_failure" },
    },
    quiet: {
      stage: "build",
      script: ["echo q > quiet.txt"],
      artifacts: { paths: ["quiet.txt"], when: "on_failure" },
    },
    test: { stage: "test", script: ["cat dist/app.txt"] },
  },
});
`;

beforeAll(async () => {
  ns = await baselineNamespace("workspace");
  project = await makeProject({
    "pipeline.ts": pipelineFile,
    "src/hello.txt": "hello from the working tree\n",
    "notes.txt": "untracked, not ignored\n",
    "secret.env": "TOKEN=do-not-upload\n",
    ".gitignore": "secret.env\nout/\n",
  });
  execFileSync("git", ["init", "-q"], { cwd: project });
  execFileSync("git", ["add", "src/hello.txt", ".gitignore"], { cwd: project });
});
afterAll(async () => {
  await ns?.remove();
  await removeProject(project);
});

describe("pipecraft run --source local --artifacts DIR on the real node", () => {
  it("uploads the working tree before the first job and copies the artifacts back", async () => {
    const result = await run(
      [
        "run",
        "--kubeconfig",
        testKubeconfigPath(),
        "--namespace",
        ns.name,
        "--run-id",
        "w1",
        "--source",
        "local",
        "--artifacts",
        "out",
        "--helper-image",
        NODE_IMAGES.busybox,
      ],
      project,
      { PATH: process.env.PATH ?? "" },
    );
    expect(result.stdout).toContain("pipeline success (run w1)");
    expect(result.code).toBe(0);
    expect(await jobLogs(ns.name, "ws-w1-build")).toEqual([
      [
        "$ cat src/hello.txt notes.txt",
        "hello from the working tree",
        "untracked, not ignored",
        "$ test ! -e secret.env && echo no secret.env",
        "no secret.env",
        "$ mkdir -p dist reports && echo built > dist/app.txt && echo '<x/>' > reports/a.xml && echo no > reports/a.txt",
        "",
      ].join("\n"),
    ]);
    // build's (on_success) and lint's (failed, on_failure); not quiet's (passed, on_failure).
    const out = join(project, "out");
    expect(await listFiles(out)).toEqual([
      "dist",
      "dist/app.txt",
      "lint.txt",
      "reports",
      "reports/a.xml",
    ]);
    expect(await readFile(join(out, "dist/app.txt"), "utf8")).toBe("built\n");
    expect(await readFile(join(out, "lint.txt"), "utf8")).toBe("lint\n");
    await waitFor("the helper Pods to be gone", async () => {
      const pods = await core.listNamespacedPod({
        namespace: ns.name,
        labelSelector: "pipecraft.dev/role=workspace",
      });
      return pods.items.length === 0 ? true : undefined;
    });
  });

  // The tests above run the CLI in-process from its TypeScript sources; a user runs the built
  // CLI, whose runtime is one esbuild bundle with client-node and its WebSocket exec inside.
  it("the built CLI (the bundled runtime) uploads the working tree through exec too", () => {
    const bin = join(repoRoot, "packages/cli/bin/pipecraft.js");
    const args = ["run", "--kubeconfig", testKubeconfigPath(), "--namespace", ns.name];
    const stdout = execFileSync(
      process.execPath,
      [bin, ...args, "--run-id", "wb", "--source", "local", "--helper-image", NODE_IMAGES.busybox],
      { cwd: project, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } },
    );
    expect(stdout).toContain("pipeline success (run wb)");
    expect(stdout).toContain("hello from the working tree");
  });

  it("a helper image the node cannot run stops the run with one line naming --helper-image", async () => {
    const result = await run(
      [
        "run",
        "--kubeconfig",
        testKubeconfigPath(),
        "--namespace",
        ns.name,
        "--run-id",
        "w2",
        "--source",
        "local",
        "--helper-image",
        "localhost/pipecraft-test/missing:1",
      ],
      project,
      { PATH: process.env.PATH ?? "" },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^pipecraft run: the workspace helper Pod ${ns.name}/ws-w2-source \\(image localhost/pipecraft-test/missing:1\\) did not start: (ErrImagePull|ImagePullBackOff): .+; give --helper-image an image with sh and tar that the cluster can run\n$`,
      ),
    );
  });
});
