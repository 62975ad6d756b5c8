// `pipecraft synth --watch` as a real process: files are edited under the running watch, and the
// test waits (generously) for the line each edit brings. Nothing here measures time.
import { type ChildProcess, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listFiles, repoRoot, run, useProjects } from "./project.js";

const bin = join(repoRoot, "packages/cli/bin/pipecraft.js");
const project = useProjects();

/** A running `pipecraft <args>` whose stderr is read line by line. */
interface Watch {
  /** Resolves with the first line from now on that matches (all lines since are in `lines`). */
  next(pattern: RegExp): Promise<string>;
  /** Sends the signal and resolves with the exit code once the process has ended. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
  lines: string[];
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
});

function startWatch(args: string[], cwd: string): Watch {
  const { PIPECRAFT_DEBUG: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [bin, ...args], { cwd, env });
  running.push(child);
  const lines: string[] = [];
  let consumed = 0;
  let partial = "";
  let waiter: (() => void) | undefined;
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
    waiter?.();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return {
    lines,
    async next(pattern) {
      for (;;) {
        while (consumed < lines.length) {
          const line = lines[consumed++] as string;
          if (pattern.test(line)) return line;
        }
        const ended = await Promise.race([
          new Promise<false>((resolve) => {
            waiter = () => resolve(false);
          }),
          exited.then(() => true),
        ]);
        if (ended && consumed >= lines.length) {
          throw new Error(`exited before a line matched ${pattern}:\n${lines.join("\n")}`);
        }
      }
    },
    async stop(signal) {
      child.kill(signal);
      return exited;
    },
  };
}

const wrote = (what: string): RegExp =>
  new RegExp(`^wrote ${what.replace(/[().]/g, "\\$&")} in \\d+ ms$`);

const helper = (script: string): string =>
  `export const testJob = { stage: "test", needs: ["build"], script: [${JSON.stringify(script)}] } as const;\n`;

const pipelineUsingHelper = (extra = ""): string => `import { pipeline } from "pipecraft";
import { testJob } from "./lib/jobs.js";

export default pipeline({
  stages: ["build", "test"],
  default: { image: "alpine:3.20" },
  jobs: {
    build: { stage: "build", script: ["make"] },
    test: testJob,${extra}
  },
});
`;

describe("pipecraft synth --watch", () => {
  it("re-synthesizes on edits to pipeline.ts and to a module it imports; a broken save does not end it", async () => {
    const directory = await project({
      "pipeline.ts": pipelineUsingHelper(),
      "lib/jobs.ts": helper("make test"),
    });
    const edit = (name: string, text: string) => writeFile(join(directory, name), text);
    const output = () => readFile(join(directory, ".gitlab-ci.yml"), "utf8");
    const watch = startWatch(["synth", "--watch"], directory);

    await watch.next(wrote(".gitlab-ci.yml (2 jobs)"));
    expect(await watch.next(/^watching/)).toBe(
      "watching pipeline.ts and 1 imported file (lib/jobs.ts); Ctrl-C stops",
    );
    expect(await output()).toContain("- make test\n");

    await edit("lib/jobs.ts", helper("make check"));
    await watch.next(wrote(".gitlab-ci.yml (2 jobs)"));
    expect(await output()).toContain("- make check\n");

    await edit(
      "pipeline.ts",
      pipelineUsingHelper('\n    lint: { stage: "test", script: ["make lint"] },'),
    );
    await watch.next(wrote(".gitlab-ci.yml (3 jobs)"));
    expect(await output()).toContain("- make lint\n");

    // A syntax error in the imported module, then the fix.
    await edit("lib/jobs.ts", `${helper("make check")}export const broken = ;\n`);
    expect(await watch.next(/^lib\/jobs\.ts:/)).toMatch(/^lib\/jobs\.ts:2:\d+: error: /);
    await edit("lib/jobs.ts", helper("make fixed"));
    await watch.next(wrote(".gitlab-ci.yml (3 jobs)"));
    expect(await output()).toContain("- make fixed\n");

    // A thrown error, then an invalid pipeline: reported, the last good output kept.
    await edit("lib/jobs.ts", `${helper("make fixed")}throw new Error("boom");\n`);
    expect(await watch.next(/boom/)).toBe("lib/jobs.ts:2:7: Error: boom");
    await edit("lib/jobs.ts", helper("make fixed").replace('["build"]', '["biuld"]'));
    expect(await watch.next(/^\d+ errors? in pipeline\.ts$/)).toBe("1 error in pipeline.ts");
    expect(watch.lines.filter((line) => line.includes("biuld"))).toEqual([
      'pipeline.ts:9:5: jobs.test.needs[0] (computed near here): no job named "biuld"; did you mean "build"?',
    ]);
    expect(await output()).toContain("- make fixed\n");
    await edit("lib/jobs.ts", helper("make last"));
    await watch.next(wrote(".gitlab-ci.yml (3 jobs)"));

    expect(await watch.stop("SIGINT")).toBe(0);
    expect(watch.lines.join("\n")).not.toMatch(/^\s+at /m);
    expect(await listFiles(directory)).toEqual([
      ".gitlab-ci.yml",
      "lib",
      "lib/jobs.ts",
      "pipeline.ts",
    ]);
  });

  it.each([
    ["ES module", {}],
    ["CommonJS", { "package.json": '{ "name": "watched" }\n' }],
  ])(
    "%s, starting with a broken imported module: reported, watched, built once fixed",
    async (_, files) => {
      const directory = await project({
        ...files,
        "pipeline.ts": pipelineUsingHelper(),
        "lib/jobs.ts": `${helper("make test")}export const broken = ;\n`,
      });
      const watch = startWatch(["synth", "--watch"], directory);
      expect(await watch.next(/^lib\/jobs\.ts:/)).toMatch(/^lib\/jobs\.ts:2:\d+: error: /);
      expect(await watch.next(/^watching/)).toBe(
        "watching pipeline.ts and 1 imported file (lib/jobs.ts); Ctrl-C stops",
      );
      await writeFile(join(directory, "lib/jobs.ts"), helper("make test"));
      await watch.next(wrote(".gitlab-ci.yml (2 jobs)"));
      expect(await watch.stop("SIGINT")).toBe(0);
    },
  );

  it.each([
    ["ES module", {}],
    ["CommonJS", { "package.json": '{ "name": "watched" }\n' }],
  ])(
    "%s: a module imported by an imported module is watched and loaded afresh",
    async (_, files) => {
      const directory = await project({
        ...files,
        "pipeline.ts": pipelineUsingHelper(),
        "lib/jobs.ts": `import { script } from "./script.js";\n${helper("x").replace('["x"]', "[script]")}`,
        "lib/script.ts": 'export const script = "make one";\n',
      });
      const watch = startWatch(["synth", "--watch"], directory);
      expect(await watch.next(/^watching/)).toBe(
        "watching pipeline.ts and 2 imported files (lib/jobs.ts, lib/script.ts); Ctrl-C stops",
      );
      await writeFile(join(directory, "lib/script.ts"), 'export const script = "make two";\n');
      await watch.next(wrote(".gitlab-ci.yml (2 jobs)"));
      expect(await readFile(join(directory, ".gitlab-ci.yml"), "utf8")).toContain("- make two\n");
      expect(await watch.stop("SIGINT")).toBe(0);
    },
  );

  it("a burst of saves is built once per pause, and the last save wins", async () => {
    const directory = await project({
      "pipeline.ts": pipelineUsingHelper(),
      "lib/jobs.ts": helper("make 0"),
    });
    const watch = startWatch(["synth", "--watch"], directory);
    await watch.next(/^watching/);
    const before = watch.lines.length;
    for (let save = 1; save <= 20; save++) {
      await writeFile(join(directory, "lib/jobs.ts"), helper(`make ${save}`));
    }
    await watch.next(wrote(".gitlab-ci.yml (2 jobs)"));
    // The build that follows the last save says so; there are far fewer builds than saves.
    while (!(await readFile(join(directory, ".gitlab-ci.yml"), "utf8")).includes("- make 20\n")) {
      await watch.next(wrote(".gitlab-ci.yml (2 jobs)"));
    }
    const builds = watch.lines.slice(before).filter((line) => line.startsWith("wrote "));
    expect(builds.length).toBeLessThan(20);
    expect(await watch.stop("SIGINT")).toBe(0);
  });

  it("CommonJS, --target kubernetes: an edited module is loaded afresh; SIGTERM ends it with 0", async () => {
    const directory = await project({
      "package.json": '{ "name": "watched" }\n',
      "pipeline.ts": pipelineUsingHelper(),
      "lib/jobs.ts": helper("make test"),
    });
    const watch = startWatch(["synth", "--watch", "--target", "kubernetes"], directory);
    await watch.next(wrote("kubernetes.yaml (2 jobs, 3 objects)"));
    expect(await watch.next(/^watching/)).toBe(
      "watching pipeline.ts and 1 imported file (lib/jobs.ts); Ctrl-C stops",
    );
    await writeFile(join(directory, "lib/jobs.ts"), helper("make kube"));
    await watch.next(wrote("kubernetes.yaml (2 jobs, 3 objects)"));
    expect(await readFile(join(directory, "kubernetes.yaml"), "utf8")).toContain("make kube");
    expect(await watch.stop("SIGTERM")).toBe(0);
    expect(await listFiles(directory)).toEqual([
      "kubernetes.yaml",
      "lib",
      "lib/jobs.ts",
      "package.json",
      "pipeline.ts",
    ]);
  });

  it.each([
    [["--stdout"], "--watch and --stdout cannot be used together"],
    [["--check"], "--watch and --check cannot be used together"],
  ])("synth --watch %j is a usage error", async (extra, message) => {
    const directory = await project({ "pipeline.ts": pipelineUsingHelper() });
    expect(await run(["synth", "--watch", ...extra], directory)).toEqual({
      code: 2,
      stdout: "",
      stderr: `pipecraft synth: ${message}\nRun "pipecraft synth --help" for usage.\n`,
    });
  });
});
