// `pipecraft synth --check`: for CI, exit 1 with a unified diff when the committed file is stale.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitApply } from "./git-apply.js";
import { listFiles, run, useProjects, validPipeline } from "./project.js";

const project = useProjects();

/** A project whose .gitlab-ci.yml is current; returns the directory and the current text. */
async function currentProject(): Promise<{ directory: string; current: string }> {
  const directory = await project({ "pipeline.ts": validPipeline });
  expect((await run(["synth"], directory)).code).toBe(0);
  return { directory, current: await readFile(join(directory, ".gitlab-ci.yml"), "utf8") };
}

describe("pipecraft synth --check", () => {
  it("exits 0 and writes nothing when the file is up to date", async () => {
    const { directory, current } = await currentProject();
    expect(await run(["synth", "--check"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: ".gitlab-ci.yml is up to date (2 jobs)\n",
    });
    expect(await readFile(join(directory, ".gitlab-ci.yml"), "utf8")).toBe(current);
  });

  it("counts a CRLF checkout of the same file as up to date", async () => {
    const { directory, current } = await currentProject();
    await writeFile(join(directory, ".gitlab-ci.yml"), current.replaceAll("\n", "\r\n"));
    expect((await run(["synth", "--check"], directory)).code).toBe(0);
  });

  it("exits 1 with a diff on stdout that turns the stale file into the current one", async () => {
    const { directory, current } = await currentProject();
    const stale = current.replace("make test", "make check");
    await writeFile(join(directory, ".gitlab-ci.yml"), stale);
    const result = await run(["synth", "--check"], directory);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      '.gitlab-ci.yml is out of date with pipeline.ts; run "pipecraft synth" to update it\n',
    );
    expect(result.stdout).toMatch(/^--- a\/\.gitlab-ci\.yml\n\+\+\+ b\/\.gitlab-ci\.yml\n@@ /);
    expect(result.stdout).toContain("\n-    - make check\n+    - make test\n");
    // --check never writes.
    expect(await readFile(join(directory, ".gitlab-ci.yml"), "utf8")).toBe(stale);
    expect(await listFiles(directory)).toEqual([".gitlab-ci.yml", "pipeline.ts"]);
    gitApply(directory, result.stdout);
    expect(await readFile(join(directory, ".gitlab-ci.yml"), "utf8")).toBe(current);
  });

  it("exits 1 with a creation diff when the file is missing, and creates nothing", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    const result = await run(["synth", "--check"], directory);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      '.gitlab-ci.yml does not exist; run "pipecraft synth" to create it\n',
    );
    expect(result.stdout).toMatch(
      /^--- \/dev\/null\n\+\+\+ b\/\.gitlab-ci\.yml\n@@ -0,0 \+1,\d+ @@\n/,
    );
    expect(await listFiles(directory)).toEqual(["pipeline.ts"]);
    gitApply(directory, result.stdout);
    expect((await run(["synth", "--check"], directory)).code).toBe(0);
  });

  it("checks the --out file against the --app file and says how to update it", async () => {
    const directory = await project({ "ci/main.ts": validPipeline, "ci/out.yml": "stale: true\n" });
    const result = await run(
      ["synth", "--check", "--app", "ci/main.ts", "--out", "ci/out.yml"],
      directory,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'ci/out.yml is out of date with ci/main.ts; run "pipecraft synth --app ci/main.ts --out ci/out.yml" to update it\n',
    );
    expect(result.stdout).toMatch(/^--- a\/ci\/out\.yml\n\+\+\+ b\/ci\/out\.yml\n/);
  });

  it("exits 1 without a diff when the pipeline is invalid", async () => {
    const directory = await project({
      "pipeline.ts": validPipeline.replace('needs: ["build"]', 'needs: ["biuld"] as never'),
    });
    const result = await run(["synth", "--check"], directory);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/\n1 error in pipeline\.ts\n$/);
  });
});
