// Loading errors that carry their fix: the install command of the project's own package manager,
// the cause behind "fetch failed", and what to do about top-level await in a CommonJS file.
import { describe, expect, it } from "vitest";
import { run, useProjects } from "./project.js";

const project = useProjects();

const importsMissingPackage = `import { pipeline } from "pipecraft";
import pad from "left-pad-not-installed/sub";

export default pipeline({ jobs: { a: { script: [String(pad)] } } });
`;

describe("a package the pipeline file imports is not installed", () => {
  it.each([
    ["package-lock.json", "npm install left-pad-not-installed"],
    ["pnpm-lock.yaml", "pnpm add left-pad-not-installed"],
    ["yarn.lock", "yarn add left-pad-not-installed"],
    ["bun.lock", "bun add left-pad-not-installed"],
  ])("with %s the hint says %s", async (lockfile, command) => {
    const directory = await project({ "pipeline.ts": importsMissingPackage, [lockfile]: "" });
    expect(await run(["validate"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: `pipeline.ts:2:17: cannot find package "left-pad-not-installed/sub"; install it (${command}) or fix the name\n`,
    });
  });
});

describe("an error with a cause", () => {
  it("fetch failed shows why it failed", async () => {
    const directory = await project({
      "pipeline.ts": `import { pipeline } from "pipecraft";
await fetch("http://127.0.0.1:2/templates.json");
export default pipeline({ jobs: { a: { script: ["x"] } } });
`,
    });
    expect(await run(["validate"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "pipeline.ts:2:1: TypeError: fetch failed (cause: connect ECONNREFUSED 127.0.0.1:2)\n",
    });
  });

  it("a chain of causes is followed", async () => {
    const directory = await project({
      "pipeline.ts": `throw new Error("could not load templates", {
  cause: new Error("fetch failed", { cause: "a string" }),
});
`,
    });
    expect((await run(["validate"], directory)).stderr).toBe(
      'pipeline.ts:1:7: Error: could not load templates (cause: fetch failed; cause: a string "a string")\n',
    );
  });
});

describe("top-level await in a CommonJS pipeline file", () => {
  it("esbuild's message gets the fix", async () => {
    const directory = await project({
      "package.json": "{}\n",
      "pipeline.ts": `const { pipeline } = require("pipecraft");
await Promise.resolve();
module.exports = pipeline({ jobs: { a: { script: ["x"] } } });
`,
    });
    expect(await run(["validate"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'pipeline.ts:2:1: error: Top-level await is currently not supported with the "cjs" output format (this file is loaded as CommonJS, which has no top-level await; to make it an ES module, rename it to .mts, or set "type": "module" in package.json)\n',
    });
  });
});
