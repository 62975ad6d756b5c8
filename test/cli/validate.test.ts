// `pipecraft validate`: the same checks as synth, and it never writes.
import { describe, expect, it } from "vitest";
import { listFiles, run, useProjects, validPipeline } from "./project.js";

const project = useProjects();

describe("pipecraft validate", () => {
  it("exits 0 for a valid pipeline and writes nothing", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    expect(await run(["validate"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: "pipeline.ts is valid (2 jobs)\n",
    });
    expect(await listFiles(directory)).toEqual(["pipeline.ts"]);
  });

  it("--app chooses the file", async () => {
    const directory = await project({ "ci/pipeline.ts": validPipeline });
    expect(await run(["validate", "--app", "ci/pipeline.ts"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: "ci/pipeline.ts is valid (2 jobs)\n",
    });
    expect(await listFiles(directory)).toEqual(["ci", "ci/pipeline.ts"]);
  });

  it("exits 1 with the diagnostics of an invalid pipeline and writes nothing", async () => {
    const directory = await project({
      "pipeline.ts": validPipeline.replace('needs: ["build"]', 'needs: ["biuld"] as never'),
    });
    const result = await run(["validate"], directory);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^pipeline\.ts: jobs\.test\.needs\[0\]: .*"biuld".*\n1 error in pipeline\.ts\n$/,
    );
    expect(await listFiles(directory)).toEqual(["pipeline.ts"]);
  });
});
