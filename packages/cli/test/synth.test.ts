// `pipecraft synth` in-process: where the YAML goes, what it says, and that failures write nothing.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { listFiles, run, useProjects, validPipeline } from "./project.js";

const project = useProjects();

/** The job names of a generated .gitlab-ci.yml (top-level keys that are not global keywords). */
function jobNames(yaml: string): string[] {
  const document = load(yaml) as Record<string, unknown>;
  return Object.keys(document).filter((key) => !["stages", "default", "variables"].includes(key));
}

const invalidPipeline = `import { pipeline } from "pipecraft";

export default pipeline({
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", script: ["make"] },
    // Both mistakes get past TypeScript here only because tsx does not type-check.
    test: { stage: "tset", needs: ["biuld"], script: ["make test"] } as never,
  },
});
`;

describe("pipecraft synth", () => {
  it("writes .gitlab-ci.yml from pipeline.ts by default", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    const result = await run(["synth"], directory);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "wrote .gitlab-ci.yml (2 jobs)\n" });
    const yaml = await readFile(join(directory, ".gitlab-ci.yml"), "utf8");
    expect(yaml).toContain("pipeline.ts");
    expect(jobNames(yaml)).toEqual(["build", "test"]);
    expect(await listFiles(directory)).toEqual([".gitlab-ci.yml", "pipeline.ts"]);
  });

  it("writes the same bytes on every run", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    await run(["synth"], directory);
    const first = await readFile(join(directory, ".gitlab-ci.yml"), "utf8");
    await run(["synth"], directory);
    expect(await readFile(join(directory, ".gitlab-ci.yml"), "utf8")).toBe(first);
  });

  it("--app and --out choose the files, relative to the current directory", async () => {
    const directory = await project({ "ci/main.ts": validPipeline, "generated/.keep": "" });
    const result = await run(["synth", "--app", "ci/main.ts", "--out=generated/ci.yml"], directory);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "wrote generated/ci.yml (2 jobs)\n" });
    const yaml = await readFile(join(directory, "generated/ci.yml"), "utf8");
    // The header names the pipeline file relative to the output, the same on every machine.
    expect(yaml).toContain("../ci/main.ts");
    expect(yaml).not.toContain(directory);
    expect(jobNames(yaml)).toEqual(["build", "test"]);
  });

  it("--stdout writes the YAML to stdout, the same as the file, and no file", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    const result = await run(["synth", "--stdout"], directory);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(await listFiles(directory)).toEqual(["pipeline.ts"]);
    await run(["synth"], directory);
    expect(result.stdout).toBe(await readFile(join(directory, ".gitlab-ci.yml"), "utf8"));
  });

  it("--target gitlab is the default", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    const explicit = await run(["synth", "--stdout", "--target", "gitlab"], directory);
    expect(explicit).toEqual(await run(["synth", "--stdout"], directory));
  });

  it("an .mts pipeline file works as well", async () => {
    const directory = await project({ "ci.mts": validPipeline });
    const result = await run(["synth", "--app", "ci.mts"], directory);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "wrote .gitlab-ci.yml (2 jobs)\n" });
  });
});

describe("an invalid pipeline", () => {
  it("exits 1 with one line per diagnostic and a summary, and leaves the output untouched", async () => {
    const directory = await project({
      "pipeline.ts": invalidPipeline,
      ".gitlab-ci.yml": "# the previous, hand-written configuration\n",
    });
    const result = await run(["synth"], directory);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("2 errors in pipeline.ts");
    expect(lines.slice(0, -1).sort()).toEqual([
      // At the line and column of each mistake in the file.
      'pipeline.ts:8:13: jobs.test.stage: stage "tset" is not declared in stages; did you mean "test"?',
      'pipeline.ts:8:36: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?',
    ]);
    expect(await readFile(join(directory, ".gitlab-ci.yml"), "utf8")).toBe(
      "# the previous, hand-written configuration\n",
    );
    expect(await listFiles(directory)).toEqual([".gitlab-ci.yml", "pipeline.ts"]);
  });

  it("--stdout prints no YAML", async () => {
    const directory = await project({ "pipeline.ts": invalidPipeline });
    const result = await run(["synth", "--stdout"], directory);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
  });
});

describe("warnings", () => {
  // Two job names that differ only in case: a warning (they collide as Kubernetes names).
  const withWarning = validPipeline.replace(
    "    test: {",
    '    Build: { stage: "build", script: ["make other"] },\n    test: {',
  );

  it("print with a summary but do not fail the synth", async () => {
    const directory = await project({ "pipeline.ts": withWarning });
    const result = await run(["synth"], directory);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^pipeline\.ts:\d+:\d+: jobs\.Build: warning: .*\n1 warning in pipeline\.ts\nwrote \.gitlab-ci\.yml \(3 jobs\)\n$/,
    );
    expect(jobNames(await readFile(join(directory, ".gitlab-ci.yml"), "utf8"))).toHaveLength(3);
  });

  it("are listed after the errors and counted in the summary", async () => {
    const directory = await project({
      "pipeline.ts": withWarning.replace('needs: ["build"]', 'needs: ["biuld"] as never'),
    });
    const result = await run(["synth"], directory);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^pipeline\.ts:\d+:\d+: jobs\.test\.needs\[0\]: /),
      expect.stringMatching(/^pipeline\.ts:\d+:\d+: jobs\.Build: warning: /),
      "1 error and 1 warning in pipeline.ts",
    ]);
    expect(await listFiles(directory)).toEqual(["pipeline.ts"]);
  });
});

describe("writing the output", () => {
  it("refuses a directory as the .gitlab-ci.yml output (exit 2), writing nothing", async () => {
    const directory = await project({ "pipeline.ts": validPipeline, "out/.keep": "" });
    const result = await run(["synth", "--out", "out"], directory);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'pipecraft synth: --out out is a directory; --target gitlab writes one file\nRun "pipecraft synth --help" for usage.\n',
    });
    expect(await listFiles(directory)).toEqual(["out", "out/.keep", "pipeline.ts"]);
  });

  it("fails with exit 1 when the output directory does not exist, creating nothing", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    const result = await run(["synth", "--out", "missing/ci.yml"], directory);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "pipecraft synth: could not write missing/ci.yml: the directory does not exist; create it, or write elsewhere with --out PATH (or --stdout)\n",
    });
    expect(await listFiles(directory)).toEqual(["pipeline.ts"]);
  });

  it("says what to do when the output's folder may not be written (even by root: /sys)", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    expect(await run(["synth", "--out", "/sys/pipecraft-ci.yml"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "pipecraft synth: could not write /sys/pipecraft-ci.yml: permission denied; run synth as a user who may write there, or write elsewhere with --out PATH (or --stdout)\n",
    });
  });

  it("replaces an existing file", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    await mkdir(join(directory, "ci"));
    await writeFile(
      join(directory, "ci/out.yml"),
      "# Generated by pipecraft from ../pipeline.ts.\nold: true\n",
    );
    expect((await run(["synth", "--out", "ci/out.yml"], directory)).code).toBe(0);
    expect(jobNames(await readFile(join(directory, "ci/out.yml"), "utf8"))).toEqual([
      "build",
      "test",
    ]);
    expect(await listFiles(directory)).toEqual(["ci", "ci/out.yml", "pipeline.ts"]);
  });
});

describe("--out -", () => {
  it("means stdout, as --stdout does, and writes no file named -", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    const expected = await run(["synth", "--stdout"], directory);
    for (const args of [["--out", "-"], ["--out=-"]]) {
      expect(await run(["synth", ...args], directory)).toEqual(expected);
    }
    expect(await listFiles(directory)).toEqual(["pipeline.ts"]);
  });

  it("with --check or --stdout is a usage error", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    expect(await run(["synth", "--out", "-", "--check"], directory)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'pipecraft synth: --check needs a file to compare; --out - is stdout\nRun "pipecraft synth --help" for usage.\n',
    });
    expect((await run(["synth", "--out=-", "--stdout"], directory)).stderr).toMatch(
      /^pipecraft synth: --stdout and --out - cannot be used together\n/,
    );
  });
});

describe("library and include-only pipeline files", () => {
  it("synthesize with a warning, never a failure", async () => {
    const directory = await project({
      "library.ts": `import { pipeline } from "pipecraft";
export default pipeline({ jobs: { ".build": { script: ["make"] } } }, { templates: "hidden" });
`,
      "includes.ts": `import { pipeline } from "pipecraft";
export default pipeline({ include: [{ template: "Auto-DevOps.gitlab-ci.yml" }], jobs: {} });
`,
    });
    const library = await run(["synth", "--app", "library.ts", "--stdout"], directory);
    expect(library.code).toBe(0);
    expect(library.stdout).toContain(".build:\n  script:\n    - make\n");
    expect(library.stderr).toMatch(
      /^library\.ts:\d+:\d+: jobs: warning: only hidden templates \(\.name\): accepted as a library to include; GitLab runs no pipeline from this file alone\n1 warning in library\.ts\n/,
    );
    const includes = await run(["synth", "--app", "includes.ts", "--stdout"], directory);
    expect(includes.code).toBe(0);
    expect(includes.stdout).toContain("include:\n  - template: Auto-DevOps.gitlab-ci.yml\n");
    expect(includes.stderr).toMatch(
      /^includes\.ts:\d+:\d+: jobs: warning: no jobs; a pipeline needs at least one job that runs \(unless an unresolved include \(template\) provides it\)\n1 warning in includes\.ts\n/,
    );
  });
});
