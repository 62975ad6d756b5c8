// End to end: the built `pipecraft` binary as a real process (requires `pnpm build` first).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { repoRoot, run, useProjects, validPipeline } from "./project.js";

const bin = join(repoRoot, "packages/cli/bin/pipecraft.js");

const project = useProjects();

/** Runs `node packages/cli/bin/pipecraft.js <args>` in `cwd`. */
function pipecraft(
  args: string[],
  cwd: string,
): { code: number | null; stdout: string; stderr: string } {
  const { PIPECRAFT_DEBUG: _ignored, ...env } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the pipecraft binary", () => {
  it("--version prints the package version", async () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "packages/cli/package.json"), "utf8"));
    expect(pipecraft(["--version"], repoRoot)).toEqual({
      code: 0,
      stdout: `${manifest.version}\n`,
      stderr: "",
    });
  });

  it("synth writes .gitlab-ci.yml, byte-identical to the in-process run", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    expect(pipecraft(["synth"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: "wrote .gitlab-ci.yml (2 jobs)\n",
    });
    const inProcess = await run(["synth", "--stdout"], directory);
    expect(await readFile(join(directory, ".gitlab-ci.yml"), "utf8")).toBe(inProcess.stdout);
  });

  it("synth --stdout delivers a large pipeline through a pipe in full", async () => {
    const jobs = Array.from(
      { length: 400 },
      (_, index) =>
        `    job${index}: { stage: "test", script: ["echo ${"x".repeat(200)} ${index}"] },`,
    );
    const directory = await project({
      "pipeline.ts": `import { pipeline } from "pipecraft";\nexport default pipeline({\n  stages: ["test"],\n  jobs: {\n${jobs.join("\n")}\n  },\n});\n`,
    });
    const result = pipecraft(["synth", "--stdout"], directory);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const document = load(result.stdout) as Record<string, unknown>;
    expect(Object.keys(document).filter((key) => key.startsWith("job"))).toHaveLength(400);
  });

  it("synth --stdout exits quietly when the reader stops early", async () => {
    const jobs = Array.from(
      { length: 1000 },
      (_, index) => `    job${index}: { stage: "test", script: ["echo ${"x".repeat(200)}"] },`,
    );
    const directory = await project({
      "pipeline.ts": `import { pipeline } from "pipecraft";\nexport default pipeline({\n  stages: ["test"],\n  jobs: {\n${jobs.join("\n")}\n  },\n});\n`,
    });
    // Like `pipecraft synth --stdout | head -1`: the pipe closes after the first chunk.
    const child = spawn(process.execPath, [bin, "synth", "--stdout"], { cwd: directory });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  });

  it("synth --check exits 1 with the diff on stdout when the file is stale, 0 when current", async () => {
    const directory = await project({ "pipeline.ts": validPipeline, ".gitlab-ci.yml": "old: 1\n" });
    const stale = pipecraft(["synth", "--check"], directory);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(
      /^--- a\/\.gitlab-ci\.yml\n\+\+\+ b\/\.gitlab-ci\.yml\n@@ .*\n-old: 1\n/,
    );
    // The stale file was not written by pipecraft: replacing it takes --force.
    expect(pipecraft(["synth", "--force"], directory).code).toBe(0);
    expect(pipecraft(["synth", "--check"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: ".gitlab-ci.yml is up to date (2 jobs)\n",
    });
  });

  it("validate exits 1 on an invalid pipeline", async () => {
    const directory = await project({
      "pipeline.ts": validPipeline.replace('needs: ["build"]', 'needs: ["biuld"] as never'),
    });
    const result = pipecraft(["validate"], directory);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\n1 error in pipeline\.ts\n$/);
  });

  it("blames a failure of its own on itself, not on the pipeline file", async () => {
    // A broken `typescript` (half a compiler API) fails the placing of a diagnostic inside
    // pipecraft: that is an internal error with its trace, not "the pipeline file ended the process".
    const directory = await project({
      "pipeline.ts": validPipeline.replace('needs: ["build"]', 'needs: ["biuld"] as never'),
      "node_modules/typescript/package.json": '{ "name": "typescript", "main": "index.cjs" }\n',
      "node_modules/typescript/index.cjs":
        "exports.createProgram = () => {};\nexports.createSourceFile = () => {};\n",
    });
    const result = pipecraft(["validate"], directory);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^pipecraft: internal error \(a bug in pipecraft, not in your files; please report it with this trace\): TypeError: .+\n {4}at /,
    );
    expect(result.stderr).not.toContain("ended the process");
  });

  it("exits 2 on a usage error", async () => {
    expect(pipecraft(["synth", "--stdout", "--check"], repoRoot)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'pipecraft synth: --stdout and --check cannot be used together\nRun "pipecraft synth --help" for usage.\n',
    });
  });

  it("reports an exception at its source-mapped TypeScript line", async () => {
    const directory = await project({
      "pipeline.ts": `import { pipeline } from "pipecraft";
type Unused = { a: string };

throw new Error("refusing to build");
export default pipeline({ jobs: {} });
`,
    });
    expect(pipecraft(["synth"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: "pipeline.ts:4:7: Error: refusing to build\n",
    });
  });

  it("reports a syntax error at its line", async () => {
    const directory = await project({ "pipeline.ts": "export default {\n  jobs: {\n};\n" });
    expect(pipecraft(["synth"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: 'pipeline.ts:3:2: error: Expected "}" but found ";"\n',
    });
  });

  it("loads a CommonJS pipeline file", async () => {
    const directory = await project({
      "pipeline.cts": `const { pipeline } = require("pipecraft");
module.exports = pipeline({ stages: ["build"], jobs: { build: { stage: "build", script: ["make"] } } });
`,
    });
    expect(pipecraft(["synth", "--app", "pipeline.cts"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: "wrote .gitlab-ci.yml (1 job)\n",
    });
  });
});

describe("what loading pipecraft costs", () => {
  it("importing pipecraft does not load yaml; the first parseGitlabYaml does", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    // yaml's Node build is CommonJS, so whether it is loaded shows in the require cache.
    const script = `
      import { createRequire } from "node:module";
      const cache = createRequire(import.meta.url).cache;
      const yamlLoaded = () => Object.keys(cache).some((file) => /[\\\\/]yaml[\\\\/]dist[\\\\/]/.test(file));
      const { parseGitlabYaml } = await import("pipecraft");
      const before = yamlLoaded();
      const parsed = parseGitlabYaml("stages: [build]\\nbuild:\\n  script: [make]\\n");
      console.log(JSON.stringify({ before, after: yamlLoaded(), stages: parsed.stages }));
    `;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: directory,
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ before: false, after: true, stages: ["build"] });
  });
});
