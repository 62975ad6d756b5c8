// An ES module pipeline file is compiled with esbuild (local files bundled, packages external) and
// cached in node_modules/.cache/pipecraft; tsx loads what that cannot do faithfully. What a user
// can observe must not change: each file's own import.meta, stack traces at the .ts line of the
// file that threw, tsconfig paths, edits seen at once, and the files tsx is kept for.
import { readdir, rename, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, useProjects } from "./project.js";

const project = useProjects();

// A job whose script is read at load time, as a user reads a shell script kept beside a helper.
const helperReadingBesideItself = `import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const deployScript = readFileSync(new URL("./deploy.sh", import.meta.url), "utf8").trim();
export const where = [
  fileURLToPath(import.meta.url) === import.meta.filename,
  import.meta.dirname,
  import.meta.resolve("./deploy.sh") === new URL("./deploy.sh", import.meta.url).href,
].join(" ");
`;

const pipelineUsing = (
  from: string,
  names = "deployScript, where",
) => `import { pipeline } from "pipecraft";
import { ${names} } from "${from}";

export default pipeline({
  stages: ["deploy"],
  jobs: { deploy: { stage: "deploy", script: [${names.split(", ").join(", ")}] } },
});
`;

describe("the compiled load", () => {
  it("gives each local file its own import.meta (url, filename, dirname, resolve)", async () => {
    const directory = await project({
      "node_modules/.keep": "",
      "pipeline.ts": pipelineUsing("./ci/helper.js"),
      "ci/helper.ts": helperReadingBesideItself,
      "ci/deploy.sh": "./deploy --prod\n",
    });
    const { code, stdout, stderr } = await run(["synth", "--stdout"], directory);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain("- ./deploy --prod\n");
    expect(stdout).toContain(`- true ${join(directory, "ci")} true\n`);
    expect(await compiledModules(directory)).toEqual(["pipeline-HASH.json", "pipeline-HASH.mjs"]);
  });

  it("reports an exception in an imported file at that file's TypeScript line", async () => {
    const directory = await project({
      "node_modules/.keep": "",
      "pipeline.ts": pipelineUsing("./helper.js", "token"),
      "helper.ts": `type Token = string;

export const token: Token = read();

function read(): Token {
  throw new Error("no token");
}
`,
    });
    expect(await run(["synth"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: "helper.ts:6:9: Error: no token\n",
    });
    expect(await compiledModules(directory)).toEqual(["pipeline-HASH.json", "pipeline-HASH.mjs"]);
  });

  it("resolves tsconfig paths", async () => {
    const directory = await project({
      "tsconfig.json": `${JSON.stringify({ compilerOptions: { paths: { "@ci/*": ["./ci/*"] } } })}\n`,
      "pipeline.ts": pipelineUsing("@ci/steps.js", "step"),
      "ci/steps.ts": `export const step: string = "make";\n`,
    });
    const { code, stdout } = await run(["synth", "--stdout"], directory);
    expect(code).toBe(0);
    expect(stdout).toContain("- make\n");
  });

  it("sees an edit to an imported file on the next run (the cache is checked)", async () => {
    const directory = await project({
      "pipeline.ts": pipelineUsing("./steps.js", "step"),
      "steps.ts": `export const step = "make one";\n`,
    });
    expect((await run(["synth", "--stdout"], directory)).stdout).toContain("- make one\n");
    // Same size, same modification time: only the inode tells the edit apart (a rewrite makes
    // a new file when editors save through a rename, as writeFile over a rename does here).
    await writeFile(join(directory, "steps.next"), `export const step = "make two";\n`);
    await rename(join(directory, "steps.next"), join(directory, "steps.ts"));
    const past = new Date("2020-01-01T00:00:00Z");
    await utimes(join(directory, "steps.ts"), past, past);
    expect((await run(["synth", "--stdout"], directory)).stdout).toContain("- make two\n");
    await writeFile(join(directory, "steps.ts"), `export const step = "make three";\n`);
    expect((await run(["synth", "--stdout"], directory)).stdout).toContain("- make three\n");
  });

  it("keeps one compiled module per pipeline file in the nearest node_modules/.cache/pipecraft", async () => {
    const directory = await project({
      "node_modules/.keep": "",
      "pipeline.ts": pipelineUsing("./steps.js", "step"),
      "steps.ts": `export const step = "make";\n`,
    });
    await run(["synth", "--stdout"], directory);
    await writeFile(join(directory, "steps.ts"), `export const step = "make all";\n`);
    expect((await run(["synth", "--stdout"], directory)).stdout).toContain("- make all\n");
    expect(await compiledModules(directory)).toEqual(["pipeline-HASH.json", "pipeline-HASH.mjs"]);
    // A cache emptied by hand (or by a tool) is made again.
    const cache = join(directory, "node_modules/.cache/pipecraft");
    for (const name of await readdir(cache)) {
      if (name.endsWith(".mjs")) await rm(join(cache, name));
    }
    expect((await run(["synth", "--stdout"], directory)).stdout).toContain("- make all\n");
  });
});

describe("what tsx still loads", () => {
  it("a local JSON import", async () => {
    const directory = await project({
      "pipeline.ts": `import { pipeline } from "pipecraft";
import settings from "./settings.json";

export default pipeline({
  stages: ["build"],
  jobs: { build: { stage: "build", script: [settings.command] } },
});
`,
      "settings.json": `{ "command": "make json" }\n`,
      "node_modules/.keep": "",
    });
    const { code, stdout } = await run(["synth", "--stdout"], directory);
    expect(code).toBe(0);
    expect(stdout).toContain("- make json\n");
    expect(await compiledModules(directory)).toEqual([]);
  });

  it("a local CommonJS file imported by an ES module pipeline file", async () => {
    const directory = await project({
      "pipeline.mts": pipelineUsing("./steps.cjs", "step"),
      "steps.cjs": `exports.step = "make cjs";\n`,
      "node_modules/.keep": "",
    });
    const { code, stdout } = await run(["synth", "--stdout", "--app", "pipeline.mts"], directory);
    expect(code).toBe(0);
    expect(stdout).toContain("- make cjs\n");
    expect(await compiledModules(directory)).toEqual([]);
  });

  it("an import() of a computed path, resolved from the pipeline file's folder", async () => {
    const directory = await project({
      "pipeline.ts": `import { pipeline } from "pipecraft";

const name = "steps";
const { step } = await import(\`./\${name}.ts\`);

export default pipeline({
  stages: ["build"],
  jobs: { build: { stage: "build", script: [step] } },
});
`,
      "steps.ts": `export const step = "make computed";\n`,
      "node_modules/.keep": "",
    });
    const { code, stdout } = await run(["synth", "--stdout"], directory);
    expect(code).toBe(0);
    expect(stdout).toContain("- make computed\n");
    expect(await compiledModules(directory)).toEqual([]);
  });
});

/**
 * The compiled modules cached for a project made with a `node_modules/.keep` of its own (the
 * nearest node_modules holds the cache): what tells the compiled load from tsx's.
 */
async function compiledModules(directory: string): Promise<string[]> {
  const names = await readdir(join(directory, "node_modules/.cache/pipecraft")).catch(() => []);
  return names.map((name) => name.replace(/-[0-9a-f]{16}\./, "-HASH."));
}
