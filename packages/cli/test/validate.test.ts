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
      /^pipeline\.ts:\d+:\d+: jobs\.test\.needs\[0\]: .*"biuld".*\n1 error in pipeline\.ts\n$/,
    );
    expect(await listFiles(directory)).toEqual(["pipeline.ts"]);
  });

  it("--target kubernetes runs the target's checks too: warnings, and --strict errors", async () => {
    const directory = await project({
      "pipeline.ts": validPipeline.replace(
        'script: ["make"]',
        'script: ["make"], image: "gcc", coverage: "/(\\d+)%/"',
      ),
    });
    expect(await run(["validate", "--target", "kubernetes"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "pipeline.ts:7:5: jobs.test: no image, and Kubernetes has no runner default image; set image (or kubernetes.image) on the job or in default",
        "pipeline.ts:6:62: jobs.build.coverage: warning: skipped on Kubernetes: read from the log by GitLab",
        "1 error and 1 warning in pipeline.ts",
        "",
      ].join("\n"),
    });
    expect(await listFiles(directory)).toEqual(["pipeline.ts"]);
  });

  it("--target kubernetes passes a pipeline Kubernetes can run; --strict fails it on a warning", async () => {
    const directory = await project({
      "pipeline.ts": validPipeline
        .replace("jobs: {", 'default: { image: "gcc" },\n  jobs: {')
        .replace('script: ["make"]', 'script: ["make"], coverage: "/(\\d+)%/"'),
    });
    expect(await run(["validate", "--target", "kubernetes"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr:
        "pipeline.ts:7:48: jobs.build.coverage: warning: skipped on Kubernetes: read from the log by GitLab\n1 warning in pipeline.ts\npipeline.ts is valid for kubernetes (2 jobs)\n",
    });
    const strict = await run(["validate", "--target", "kubernetes", "--strict"], directory);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe(
      "pipeline.ts:7:48: jobs.build.coverage: skipped on Kubernetes: read from the log by GitLab\n1 error in pipeline.ts\n",
    );
  });

  it("--strict without a Kubernetes target is a usage error", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    expect(await run(["validate", "--strict"], directory)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'pipecraft validate: --strict applies to --target kubernetes and kaniko only\nRun "pipecraft validate --help" for usage.\n',
    });
  });
});
