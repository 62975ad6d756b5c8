// A pipeline file runs inside pipecraft's process: what it prints, leaves running, exits with or
// throws must not break the command's output, exit code or message form. Through the built
// binary, as a real process (the in-process runner cannot see process.exit or a hang).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, run, useProjects, validPipeline } from "./project.js";

const bin = join(repoRoot, "packages/cli/bin/pipecraft.js");
const project = useProjects();

/** `node bin/pipecraft.js <args>` in `cwd`, killed after 20 s so that a hang fails the test. */
function pipecraft(args: string[], cwd: string) {
  const { PIPECRAFT_DEBUG: _ignored, ...env } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env,
    encoding: "utf8",
    timeout: 20_000,
  });
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** A valid one-job pipeline file with `before` placed before its default export. */
function pipelineWith(before: string): string {
  return `import { pipeline } from "pipecraft";
${before}
export default pipeline({ stages: ["build"], jobs: { build: { stage: "build", script: ["make"] } } });
`;
}

describe("a pipeline file that prints", () => {
  const printing = pipelineWith(
    'console.log("debug: from console.log");\nconsole.info("info line");\nprocess.stdout.write("raw write\\n");',
  );

  it("synth --stdout: its prints go to stderr, stdout is only the YAML", async () => {
    const directory = await project({ "pipeline.ts": printing });
    const result = pipecraft(["synth", "--stdout"], directory);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe((await run(["synth", "--stdout"], directory)).stdout);
    expect(result.stdout).not.toContain("debug:");
    expect(result.stderr).toBe("debug: from console.log\ninfo line\nraw write\n");
  });

  it("synth --check: stdout is only the diff", async () => {
    const directory = await project({ "pipeline.ts": printing });
    const result = pipecraft(["synth", "--check"], directory);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^--- \/dev\/null\n\+\+\+ b\/\.gitlab-ci\.yml\n/);
    expect(result.stderr).toBe(
      'debug: from console.log\ninfo line\nraw write\n.gitlab-ci.yml does not exist; run "pipecraft synth" to create it\n',
    );
  });

  it("in-process, its prints reach the io's stderr", async () => {
    const directory = await project({ "pipeline.ts": printing });
    const result = await run(["validate"], directory);
    expect(result).toEqual({
      code: 0,
      stdout: "",
      stderr: "debug: from console.log\ninfo line\nraw write\npipeline.ts is valid (1 job)\n",
    });
  });
});

describe("a pipeline file that leaves a timer running", () => {
  const ticking = pipelineWith("setInterval(() => undefined, 1000);");

  it("synth writes and exits", async () => {
    const directory = await project({ "pipeline.ts": ticking });
    expect(pipecraft(["synth"], directory)).toMatchObject({
      code: 0,
      signal: null,
      stderr: "wrote .gitlab-ci.yml (1 job)\n",
    });
  });

  it("synth --check and validate exit", async () => {
    const directory = await project({ "pipeline.ts": ticking });
    expect(pipecraft(["synth", "--check"], directory)).toMatchObject({ code: 1, signal: null });
    expect(pipecraft(["validate"], directory)).toMatchObject({
      code: 0,
      signal: null,
      stderr: "pipeline.ts is valid (1 job)\n",
    });
  });

  it("synth --stdout delivers all of a large YAML through the pipe, then exits", async () => {
    const jobs = Array.from(
      { length: 2000 },
      (_, index) => `job${index}: { stage: "test", script: ["echo ${"x".repeat(200)}"] },`,
    );
    const directory = await project({
      "pipeline.ts": `import { pipeline } from "pipecraft";\nsetInterval(() => undefined, 1000);\nexport default pipeline({ stages: ["test"], jobs: {\n${jobs.join("\n")}\n} });\n`,
    });
    const result = pipecraft(["synth", "--stdout"], directory);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe((await run(["synth", "--stdout"], directory)).stdout);
    expect(result.stdout.length).toBeGreaterThan(400_000);
  });
});

describe("a pipeline file that ends or stalls the process", () => {
  it("process.exit(0) while loading: exit 1, at the line of the call, and no file", async () => {
    const directory = await project({ "pipeline.ts": pipelineWith("process.exit(0);") });
    expect(pipecraft(["synth", "--check"], directory)).toEqual({
      code: 1,
      signal: null,
      stdout: "",
      stderr:
        "pipeline.ts:2:9: the pipeline file called process.exit(0) while pipecraft was loading it; export the pipeline instead of ending the process\n",
    });
    expect(pipecraft(["synth"], directory).code).toBe(1);
    expect(pipecraft(["synth", "--check"], directory).code).toBe(1);
  });

  it("process.exit from a timer while loading", async () => {
    const directory = await project({
      "pipeline.ts": pipelineWith(
        "setTimeout(() => process.exit(0), 0);\nawait new Promise((resolve) => setTimeout(resolve, 50));",
      ),
    });
    expect(pipecraft(["synth"], directory)).toMatchObject({
      code: 1,
      stderr:
        "pipeline.ts:2:26: the pipeline file called process.exit(0) while pipecraft was loading it; export the pipeline instead of ending the process\n",
    });
  });

  it("a promise that never settles: exit 1 with a message, not 13", async () => {
    const directory = await project({
      "pipeline.ts": pipelineWith("await new Promise(() => undefined);"),
    });
    expect(pipecraft(["synth"], directory)).toEqual({
      code: 1,
      signal: null,
      stdout: "",
      stderr: "pipeline.ts: loading never finished: it awaits a promise that nothing will settle\n",
    });
  });

  it("--timeout ends a load that a timer keeps waiting", async () => {
    const directory = await project({
      "pipeline.ts": pipelineWith("await new Promise(() => setInterval(() => undefined, 1000));"),
    });
    expect(pipecraft(["synth", "--timeout", "300ms"], directory)).toMatchObject({
      code: 1,
      stderr: "pipeline.ts: loading did not finish within 300ms (--timeout)\n",
    });
    expect(pipecraft(["validate", "--timeout", "1"], directory)).toMatchObject({
      code: 1,
      stderr: "pipeline.ts: loading did not finish within 1s (--timeout)\n",
    });
  });

  it("--timeout that is not a duration is a usage error", async () => {
    const directory = await project({ "pipeline.ts": validPipeline });
    expect(await run(["synth", "--timeout", "soon"], directory)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'pipecraft synth: --timeout "soon" is not a duration; write e.g. 30s, 500ms or 2m\nRun "pipecraft synth --help" for usage.\n',
    });
    expect((await run(["validate", "--timeout", "0s"], directory)).code).toBe(2);
  });
});

describe("what a pipeline file throws is reported as file:line: message", () => {
  const cases: [string, string, string][] = [
    [
      "a getter that throws",
      'const job = { stage: "build", get script(): string[] { throw new Error("getter boom"); } };\nexport default pipeline({ stages: ["build"], jobs: { build: job } });\n',
      "pipeline.ts:2:62: Error: getter boom\n",
    ],
    [
      "an object that contains itself",
      'const variables: Record<string, unknown> = {};\nvariables.self = variables;\nexport default pipeline({ stages: ["build"], variables: variables as never, jobs: { build: { stage: "build", script: ["make"] } } });\n',
      "pipeline.ts: RangeError: Maximum call stack size exceeded (is an object in the pipeline nested very deeply, or does it contain itself?)\n",
    ],
    [
      "100,000 levels of nesting",
      'let script: unknown = "make";\nfor (let i = 0; i < 100_000; i++) script = [script];\nexport default pipeline({ stages: ["build"], jobs: { build: { stage: "build", script: script as never } } });\n',
      "pipeline.ts: RangeError: Maximum call stack size exceeded (is an object in the pipeline nested very deeply, or does it contain itself?)\n",
    ],
    [
      "a Proxy whose traps throw",
      'throw new Proxy({}, { getPrototypeOf() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } });\n',
      "pipeline.ts:2:48: Error: trap\n",
    ],
    [
      "a promise rejected after loading",
      'Promise.reject(new Error("late"));\nexport default pipeline({ stages: ["build"], jobs: { build: { stage: "build", script: ["make"] } } });\n',
      "pipeline.ts:2:16: Error: late\n",
    ],
    [
      "a promise rejected by a timer while loading",
      'new Promise((_, reject) => setTimeout(() => reject(new Error("later")), 0));\nawait new Promise((resolve) => setTimeout(resolve, 50));\nexport default pipeline({ stages: ["build"], jobs: { build: { stage: "build", script: ["make"] } } });\n',
      "pipeline.ts:2:52: Error: later\n",
    ],
  ];
  for (const [name, body, message] of cases) {
    it(name, async () => {
      const directory = await project({
        "pipeline.ts": `import { pipeline } from "pipecraft";\n${body}`,
      });
      expect(pipecraft(["synth"], directory)).toEqual({
        code: 1,
        signal: null,
        stdout: "",
        stderr: message,
      });
    });
  }
});
