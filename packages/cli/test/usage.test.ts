// Command-line mistakes: each is exit code 2 with an exact message, and nothing is loaded or written.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { targets } from "../src/targets.js";
import { usage } from "../src/usage.js";
import { listFiles, makeProject, removeProject, repoRoot, run } from "./project.js";

let project: string;
beforeAll(async () => {
  project = await makeProject({ "pipeline.ts": "export default 1;\n", "lib/readme.txt": "" });
});
afterAll(() => removeProject(project));

const seeSynthHelp = 'Run "pipecraft synth --help" for usage.\n';
const seeHelp = 'Run "pipecraft --help" for usage.\n';

describe("help and version", () => {
  it.each([["--help"], ["-h"], ["help"]])(
    "pipecraft %s prints the global usage on stdout",
    async (flag) => {
      expect(await run([flag], project)).toEqual({ code: 0, stdout: usage(), stderr: "" });
    },
  );

  it.each([
    [["synth", "--help"], "synth"],
    [["synth", "-h"], "synth"],
    [["help", "synth"], "synth"],
    [["validate", "--help"], "validate"],
    [["help", "validate"], "validate"],
    // Help wins over other mistakes on the same line.
    [["synth", "--nope", "--help"], "synth"],
  ] as const)("pipecraft %j prints the %s usage", async (args, command) => {
    expect(await run(args, project)).toEqual({ code: 0, stdout: usage(command), stderr: "" });
  });

  it("the usage texts document every option and the exit codes", () => {
    for (const option of [
      "--app",
      "--out",
      "--stdout",
      "--check",
      "--target",
      "--name",
      "--namespace",
      "--run-id",
      "--strict",
      "--var",
      "--help",
    ]) {
      expect(usage("synth")).toContain(option);
    }
    expect(usage("validate")).toContain("--app");
    expect(usage("validate")).toContain("--var NAME=VALUE");
    for (const text of [usage(), usage("synth"), usage("validate")]) {
      expect(text).toContain("Exit codes:");
    }
  });

  // The usage text is written by hand; this holds it to the table of targets, so that a new
  // target (or a new option of one) cannot be added without its help.
  it("the synth usage lists every target of the table, its default output and its options", () => {
    for (const target of targets) {
      expect(usage("synth")).toMatch(new RegExp(`^ {23}${target.name} `, "m"));
      expect(usage("synth")).toContain(target.defaultOutput);
      for (const option of Object.keys(target.options)) {
        expect(usage("synth")).toContain(`--${option}`);
      }
    }
  });

  it("pipecraft --version prints the version of the pipecraft package", async () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "packages/cli/package.json"), "utf8"));
    expect(await run(["--version"], project)).toEqual({
      code: 0,
      stdout: `${manifest.version}\n`,
      stderr: "",
    });
  });

  it("pipecraft with no arguments prints the usage on stderr and exits 2", async () => {
    expect(await run([], project)).toEqual({ code: 2, stdout: "", stderr: usage() });
  });
});

describe("usage errors exit 2 with an exact message", () => {
  it.each([
    [["frobnicate"], `pipecraft: unknown command "frobnicate"\n${seeHelp}`],
    [["synt"], `pipecraft: unknown command "synt"; did you mean "synth"?\n${seeHelp}`],
    [["help", "frobnicate"], `pipecraft: unknown command "frobnicate"\n${seeHelp}`],
    [["help", "synth", "extra"], `pipecraft: unexpected argument "extra"\n${seeHelp}`],
    [["--app", "x.ts"], `pipecraft: unknown option --app\n${seeHelp}`],
    [["--version", "synth"], `pipecraft: unexpected argument "synth"\n${seeHelp}`],
    [["synth", "--frob"], `pipecraft synth: unknown option --frob\n${seeSynthHelp}`],
    [["synth", "-x"], `pipecraft synth: unknown option -x\n${seeSynthHelp}`],
    [
      ["synth", "--ouput", "x"],
      `pipecraft synth: unknown option --ouput; did you mean "--out"?\n${seeSynthHelp}`,
    ],
    [["synth", "--app"], `pipecraft synth: option --app needs a value\n${seeSynthHelp}`],
    [["synth", "--app="], `pipecraft synth: option --app needs a value\n${seeSynthHelp}`],
    [["synth", "--out"], `pipecraft synth: option --out needs a value\n${seeSynthHelp}`],
    [["synth", "--target"], `pipecraft synth: option --target needs a value\n${seeSynthHelp}`],
    [
      ["synth", "--app", "--stdout"],
      `pipecraft synth: option --app needs a value\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--stdout=yes"],
      `pipecraft synth: option --stdout does not take a value\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--check=1"],
      `pipecraft synth: option --check does not take a value\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--app", "a.ts", "--app", "b.ts"],
      `pipecraft synth: option --app given more than once\n${seeSynthHelp}`,
    ],
    [
      ["synth", "pipeline.ts"],
      `pipecraft synth: unexpected argument "pipeline.ts"; to choose the pipeline file, use --app pipeline.ts\n${seeSynthHelp}`,
    ],
    [["synth", "--", "x"], `pipecraft synth: unexpected argument "x"\n${seeSynthHelp}`],
    [
      ["synth", "--stdout", "--check"],
      `pipecraft synth: --stdout and --check cannot be used together\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--stdout", "--out", "x.yml"],
      `pipecraft synth: --stdout and --out cannot be used together\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--target=helm"],
      `pipecraft synth: unknown --target "helm"; expected gitlab, kubernetes, kaniko, graph\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--target", "kubernets"],
      `pipecraft synth: unknown --target "kubernets"; expected gitlab, kubernetes, kaniko, graph; did you mean "kubernetes"?\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--namespace", "ci"],
      `pipecraft synth: --namespace applies to --target kubernetes and kaniko only\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--strict"],
      `pipecraft synth: --strict applies to --target kubernetes and kaniko only\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--target", "kubernetes", "--name", "My_App"],
      `pipecraft synth: --name "My_App" is not a Kubernetes name: up to 40 lower-case letters, digits and '-', starting and ending with a letter or digit\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--target", "kubernetes", "--namespace", "-ci"],
      `pipecraft synth: option --namespace needs a value\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--target", "kubernetes", "--namespace", "ci.prod"],
      `pipecraft synth: --namespace "ci.prod" is not a Kubernetes name: up to 63 lower-case letters, digits and '-', starting and ending with a letter or digit\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--target", "kaniko", "--run-id", "run 7"],
      `pipecraft synth: --run-id "run 7" is not a label value: up to 63 of letters, digits, '-', '_' and '.'\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--target", "kubernetes", "--out", "k8s/", "--stdout"],
      `pipecraft synth: --stdout and --out cannot be used together\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--app", "nope.ts"],
      `pipecraft synth: --app file not found: nope.ts\n${seeSynthHelp}`,
    ],
    [
      ["synth", "--app", "lib"],
      `pipecraft synth: --app must name a file: lib is not a file\n${seeSynthHelp}`,
    ],
    [
      ["validate", "--out", "x.yml"],
      `pipecraft validate: unknown option --out\nRun "pipecraft validate --help" for usage.\n`,
    ],
    [
      ["validate", "--app", "nope.ts"],
      `pipecraft validate: --app file not found: nope.ts\nRun "pipecraft validate --help" for usage.\n`,
    ],
  ])("pipecraft %j", async (args, stderr) => {
    const before = await listFiles(project);
    expect(await run(args, project)).toEqual({ code: 2, stdout: "", stderr });
    expect(await listFiles(project)).toEqual(before);
  });

  it("a missing default pipeline.ts names the directory", async () => {
    const empty = await makeProject({});
    try {
      expect(await run(["synth"], empty)).toEqual({
        code: 2,
        stdout: "",
        stderr: `pipecraft synth: no pipeline.ts in ${empty}; create one (pipecraft init writes a starter) or pass --app <file>\n${seeSynthHelp}`,
      });
    } finally {
      await removeProject(empty);
    }
  });
});
