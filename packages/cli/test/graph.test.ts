// `pipecraft graph`, in-process: it writes the drawing where synth --target graph would, and its
// usage errors name `pipecraft graph` (the command the user typed), each with its message.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, run, useProjects } from "./project.js";

const project = useProjects();

const files = {
  "package.json": JSON.stringify({ name: "shop", private: true, type: "module" }),
  "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  stages: ["build", "deploy"],
  jobs: {
    build: { stage: "build", script: ["make"] },
    deploy: { stage: "deploy", script: ["deploy"], needs: ["build"], when: "manual" },
  },
});
`,
};

const seeHelp = 'Run "pipecraft graph --help" for usage.\n';

describe("pipecraft graph", () => {
  it("writes pipeline-graph.html by default, the same bytes as synth --target graph", async () => {
    const directory = await project(files);
    const result = await run(["graph"], directory);
    expect(result.code).toBe(0);
    const html = await readFile(join(directory, "pipeline-graph.html"), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('data-job="deploy"');
    const synth = await run(["synth", "--target", "graph", "--stdout"], directory);
    expect(synth.stdout).toBe(html);
  });

  it("--format and --view choose the drawing; --stdout writes no file", async () => {
    const directory = await project(files);
    const result = await run(
      ["graph", "--format", "mermaid", "--view", "needs", "--stdout"],
      directory,
    );
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("flowchart LR\n");
    expect(result.stdout).toContain('n1["deploy #40;manual, allow failure#41;"]');
    expect(await listFiles(directory)).toEqual(["package.json", "pipeline.ts"]);
  });

  it.each([
    [["--target", "gitlab"], "--target is always graph here; use pipecraft synth for others"],
    [["--format", "png"], '--format "png" is not one of html, mermaid, dot, svg'],
    [["--view", "tree"], '--view "tree" is not one of stages, needs'],
    [["--bogus"], "unknown option --bogus"],
    [["--stdout", "--check"], "--stdout and --check cannot be used together"],
  ])("%j: a usage error of pipecraft graph, nothing written", async (args, message) => {
    const directory = await project(files);
    expect(await run(["graph", ...args], directory)).toEqual({
      code: 2,
      stdout: "",
      stderr: `pipecraft graph: ${message}\n${seeHelp}`,
    });
    expect(await listFiles(directory)).toEqual(["package.json", "pipeline.ts"]);
  });
});
