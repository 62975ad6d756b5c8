// `pipecraft check`: the type check (the project's typescript and tsconfig) and validation in
// one command, each problem at file:line:column, exit 1 on either.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, repoRoot, run, useProjects, validPipeline } from "./project.js";

const project = useProjects();

const tsconfig = `${JSON.stringify({
  compilerOptions: {
    strict: true,
    module: "nodenext",
    moduleResolution: "nodenext",
    target: "es2022",
    noEmit: true,
    skipLibCheck: true,
  },
})}\n`;

const typeAndPipelineErrors = `import { pipeline } from "pipecraft";

export default pipeline({
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", script: ["make"], parallel: 500 },
    test: { stage: "test", needs: ["biuld"], script: ["make test"] },
  },
});
`;

describe("pipecraft check", () => {
  it("reports the type errors and the pipeline's problems together, and exits 1", async () => {
    const directory = await project({
      "pipeline.ts": typeAndPipelineErrors,
      "tsconfig.json": tsconfig,
    });
    const result = await run(["check"], directory);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^pipeline\.ts:7:36: error TS2820: Type '"biuld"' is not assignable to type .*Did you mean '"build"'\?/,
    );
    expect(lines.slice(1)).toEqual([
      "1 type error (tsconfig.json)",
      "pipeline.ts:6:48: jobs.build.parallel: must be at most 200, got 500",
      'pipeline.ts:7:36: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?',
      "2 errors in pipeline.ts",
    ]);
    expect(await listFiles(directory)).toEqual(["pipeline.ts", "tsconfig.json"]);
  });

  it("reports the object form of needs as the string form: TS2820 with did-you-mean", async () => {
    const directory = await project({
      "pipeline.ts": typeAndPipelineErrors
        .replace(", parallel: 500 }", " }")
        .replace('needs: ["biuld"]', 'needs: [{ job: "biuld", artifacts: true }]'),
      "tsconfig.json": tsconfig,
    });
    const result = await run(["check"], directory);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `pipeline.ts:7:38: error TS2820: Type '"biuld"' is not assignable to type '"build" | "test" | NotAJobName'. Did you mean '"build"'?`,
      "1 type error (tsconfig.json)",
      'pipeline.ts:7:36: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?',
      "1 error in pipeline.ts",
    ]);
  });

  it("passes a pipeline that type-checks and is valid", async () => {
    const directory = await project({ "pipeline.ts": validPipeline, "tsconfig.json": tsconfig });
    expect(await run(["check"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: "pipeline.ts type-checks and is valid (2 jobs)\n",
    });
  });

  it("says how to install typescript where the project has none", async () => {
    const directory = await mkdtemp(join(tmpdir(), "pipecraft-check-"));
    try {
      await writeFile(join(directory, "package-lock.json"), "{}\n");
      await writeFile(
        join(directory, "pipeline.ts"),
        validPipeline.replace(
          '"pipecraft"',
          JSON.stringify(join(repoRoot, "packages/cli/dist/index.js")),
        ),
      );
      expect(await run(["check"], directory)).toEqual({
        code: 1,
        stdout: "",
        stderr:
          "pipecraft check: typescript is not installed in this project; install it (npm install -D typescript@5) to type-check pipeline.ts\n",
      });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  // `npm install -D typescript` gives TypeScript 7, the native port, whose package exports only
  // its version: check says which TypeScript to install, and synth places nothing but works.
  it("says to install TypeScript 5 where the project has TypeScript 7, and synth still reports", async () => {
    const directory = await mkdtemp(join(tmpdir(), "pipecraft-check-"));
    try {
      await writeFile(join(directory, "package-lock.json"), "{}\n");
      await mkdir(join(directory, "node_modules/typescript"), { recursive: true });
      await writeFile(
        join(directory, "node_modules/typescript/package.json"),
        '{ "name": "typescript", "version": "7.0.2", "exports": { ".": "./version.cjs" } }\n',
      );
      await writeFile(
        join(directory, "node_modules/typescript/version.cjs"),
        'module.exports = { version: "7.0.2", versionMajorMinor: "7.0" };\n',
      );
      await writeFile(
        join(directory, "pipeline.ts"),
        typeAndPipelineErrors.replace(
          '"pipecraft"',
          JSON.stringify(join(repoRoot, "packages/cli/dist/index.js")),
        ),
      );
      expect(await run(["check"], directory)).toEqual({
        code: 1,
        stdout: "",
        stderr:
          "pipecraft check: typescript 7.0.2 in this project has no compiler API to type-check pipeline.ts with (TypeScript 7 has none yet); install TypeScript 5 (npm install -D typescript@5)\n",
      });
      const synth = await run(["synth", "--stdout"], directory);
      expect(synth.code).toBe(1);
      expect(synth.stderr).toContain(
        'pipeline.ts: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?',
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
