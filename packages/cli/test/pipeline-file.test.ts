// Loading the user's pipeline file in-process: ES modules and CommonJS, and every way it can fail,
// each reported at the user's own source line (exit 1, nothing written).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, run, useProjects, validPipeline } from "./project.js";

const project = useProjects();

/** Runs `pipecraft synth` on the files and expects exit 1 with exactly `stderr` and no output. */
async function expectFailure(
  files: Record<string, string>,
  stderr: string,
  args: string[] = ["synth"],
): Promise<void> {
  const directory = await project(files);
  const before = await listFiles(directory);
  expect(await run(args, directory)).toEqual({ code: 1, stdout: "", stderr });
  expect(await listFiles(directory)).toEqual(before);
}

const cjsPipeline = `const { pipeline } = require("pipecraft");

module.exports = pipeline({
  stages: ["build"],
  jobs: { build: { stage: "build", script: ["make"] } },
});
`;

describe("module formats", () => {
  it("loads a .cts file that sets module.exports", async () => {
    const directory = await project({ "pipeline.cts": cjsPipeline });
    expect(await run(["synth", "--app", "pipeline.cts"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: "wrote .gitlab-ci.yml (1 job)\n",
    });
  });

  it('loads a .ts file with export default in a package without "type": "module"', async () => {
    const directory = await project({ "package.json": "{}\n", "pipeline.ts": validPipeline });
    expect(await run(["synth"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: "wrote .gitlab-ci.yml (2 jobs)\n",
    });
  });

  it('loads a .ts file that sets module.exports in a package without "type": "module"', async () => {
    const directory = await project({ "package.json": "{}\n", "pipeline.ts": cjsPipeline });
    expect((await run(["synth"], directory)).code).toBe(0);
  });

  it("gives the same YAML for the same pipeline written as ESM or CommonJS", async () => {
    const esm = await project({ "pipeline.ts": validPipeline });
    const cjs = await project({ "package.json": "{}\n", "pipeline.ts": validPipeline });
    expect((await run(["synth", "--stdout"], cjs)).stdout).toBe(
      (await run(["synth", "--stdout"], esm)).stdout,
    );
  });

  it("loads the file afresh on every run in the same process", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    expect((await run(["validate"], directory)).stderr).toBe("pipeline.ts is valid (2 jobs)\n");
    await writeFile(
      join(directory, "pipeline.ts"),
      validPipeline
        .replace('stages: ["build", "test"]', 'stages: ["build", "test", "lint"]')
        .replace("  },\n});", '    lint: { stage: "lint", script: ["make lint"] },\n  },\n});'),
    );
    expect((await run(["validate"], directory)).stderr).toBe("pipeline.ts is valid (3 jobs)\n");
  });
});

describe("errors in the pipeline file exit 1 and name file:line:column", () => {
  it("an exception thrown in the pipeline file, at its TypeScript line", async () => {
    await expectFailure(
      {
        "pipeline.ts": `import { pipeline } from "pipecraft";

interface Settings {
  // Type-only lines vanish from the compiled JavaScript: the line must come from the source map.
  region: string;
}

function jobs(settings: Settings): never {
  throw new Error(\`no jobs configured for \${settings.region}\`);
}

export default pipeline({ stages: ["build"], jobs: jobs({ region: "eu" }) });
`,
      },
      "pipeline.ts:9:9: Error: no jobs configured for eu\n",
    );
  });

  it("an exception thrown in a module the pipeline file imports, at that module's line", async () => {
    await expectFailure(
      {
        "pipeline.ts": `import { pipeline } from "pipecraft";
import { buildJob } from "./lib/jobs.js";

export default pipeline({ stages: ["build"], jobs: { build: buildJob("x") } });
`,
        "lib/jobs.ts": `export function buildJob(target: string): never {
  throw new TypeError(\`cannot build \${target}\`);
}
`,
      },
      "lib/jobs.ts:2:9: TypeError: cannot build x\n",
    );
  });

  it("an exception thrown in a CommonJS pipeline file", async () => {
    await expectFailure(
      {
        "pipeline.cts": `const { pipeline } = require("pipecraft");
type Stage = "build";
const stage: Stage = "build";
throw new RangeError("too many jobs");
module.exports = pipeline({ stages: [stage], jobs: {} });
`,
      },
      "pipeline.cts:4:7: RangeError: too many jobs\n",
      ["synth", "--app", "pipeline.cts"],
    );
  });

  it("a syntax error", async () => {
    await expectFailure(
      {
        "pipeline.ts": `import { pipeline } from "pipecraft";

export default pipeline({
  stages: ["build"
  jobs: {},
});
`,
      },
      'pipeline.ts:5:3: error: Expected "]" but found "jobs"\n',
    );
  });

  it("a syntax error in a CommonJS file", async () => {
    await expectFailure(
      { "package.json": "{}\n", "pipeline.ts": "const x = ;\n" },
      'pipeline.ts:1:11: error: Unexpected ";"\n',
    );
  });

  it("a thrown value that is not an Error", async () => {
    await expectFailure(
      { "pipeline.ts": 'throw "pipelines are disabled";\n' },
      'pipeline.ts: threw a string "pipelines are disabled"\n',
    );
  });

  it("an import that does not resolve", async () => {
    const directory = await project({
      "pipeline.ts": 'import { jobs } from "./missing.js";\nexport default jobs;\n',
    });
    const result = await run(["synth"], directory);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'pipeline.ts:1:22: cannot find module "./missing.js"; check the path and the file extension (.js for a .ts file, as in any ESM import)\n',
    );
  });

  it("PIPECRAFT_DEBUG=1 adds the stack", async () => {
    const directory = await project({
      "pipeline.ts": 'throw new Error("boom");\nexport default 1;\n',
    });
    const result = await run(["synth"], directory, { PIPECRAFT_DEBUG: "1" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^pipeline\.ts:1:7: Error: boom\nError: boom\n\s+at /);
  });
});

describe("the export must be a pipeline", () => {
  it("a default export that is not a pipeline", async () => {
    await expectFailure(
      {
        "pipeline.ts":
          'export default { stages: ["build"], jobs: { build: { stage: "build", script: ["make"] } } };\n',
      },
      "pipeline.ts: the default export is not a pipeline (found an object with keys stages, jobs); export default pipeline({...})\n",
    );
  });

  it("no default export, a pipeline exported by name: names it in the fix", async () => {
    await expectFailure(
      { "pipeline.ts": `${validPipeline.replace("export default", "export const ci =")}` },
      "pipeline.ts has no default export, but exports the pipeline ci; add export default ci\n",
    );
  });

  it("no default export at all", async () => {
    await expectFailure(
      { "pipeline.ts": 'export const stages = ["build"];\n' },
      "pipeline.ts has no default export; export default pipeline({...})\n",
    );
  });

  it("a default export of another kind", async () => {
    await expectFailure(
      { "pipeline.ts": "export default [1, 2];\n" },
      "pipeline.ts: the default export is not a pipeline (found an array); export default pipeline({...})\n",
    );
  });

  it("module.exports that is not a pipeline", async () => {
    await expectFailure(
      { "pipeline.cts": "module.exports = () => ({ jobs: {} });\n" },
      "pipeline.cts: module.exports is not a pipeline (found a function); module.exports = pipeline({...})\n",
      ["synth", "--app", "pipeline.cts"],
    );
  });

  it("a CommonJS file that exports nothing", async () => {
    await expectFailure(
      { "pipeline.cts": "const unused = 1;\n" },
      "pipeline.cts does not set module.exports; module.exports = pipeline({...})\n",
      ["synth", "--app", "pipeline.cts"],
    );
  });

  it("validate reports it the same way", async () => {
    await expectFailure(
      { "pipeline.ts": "export default null;\n" },
      "pipeline.ts: the default export is not a pipeline (found null); export default pipeline({...})\n",
      ["validate"],
    );
  });
});
