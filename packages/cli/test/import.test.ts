// `pipecraft import`: a .gitlab-ci.yml becomes a pipeline.ts that synthesizes back to the same
// data; every refusal and error has its message, and an error writes nothing.
import { spawnSync } from "node:child_process";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseGitlabYaml, resolveLocalIncludes } from "@pipecraft/gitlab";
import { describe, expect, it } from "vitest";
import { listFiles, repoRoot, run, useProjects } from "./project.js";

const project = useProjects();
const seeImportHelp = 'Run "pipecraft import --help" for usage.\n';

const gitlabCi = `# Build, then test.
stages: [build, test]

.node: &node
  image: node:22
  before_script:
    - npm ci

build:
  <<: *node
  stage: build
  script: npm run build

test:
  extends: .node
  stage: test
  needs: [build]
  script:
    - !reference [.node, before_script]
    - |
      npm test
      echo "\${CI_JOB_NAME} \`done\`"
`;

describe("pipecraft import", () => {
  it("writes pipeline.ts, which synthesizes back to the same data", async () => {
    const directory = await project({ ".gitlab-ci.yml": gitlabCi });
    expect(await run(["import"], directory)).toEqual({
      code: 0,
      stdout: 'wrote pipeline.ts from .gitlab-ci.yml; check it with "pipecraft check"\n',
      stderr: "",
    });
    const text = await readFile(join(directory, "pipeline.ts"), "utf8");
    expect(text).toContain("const node = {");
    expect(text).toContain("satisfies JobTemplate");
    expect(text).toContain('reference(".node", "before_script")');
    expect(text).toContain("// Build, then test.");
    const synth = await run(["synth", "--stdout"], directory);
    expect(synth.stderr).toBe("");
    expect(parseGitlabYaml(synth.stdout)).toEqual(parseGitlabYaml(gitlabCi));
  });

  it("--style functions writes extend() and the same pipeline, templates expanded", async () => {
    const directory = await project({ ".gitlab-ci.yml": gitlabCi });
    expect((await run(["import", "--style", "functions"], directory)).code).toBe(0);
    const text = await readFile(join(directory, "pipeline.ts"), "utf8");
    expect(text).toContain("test: extend(node, {");
    const synth = await run(["synth", "--stdout"], directory);
    expect(synth.stderr).toBe("");
    const jobs = parseGitlabYaml(synth.stdout).jobs;
    expect(Object.keys(jobs)).toEqual(["build", "test"]);
    expect(jobs.test).toEqual({
      image: "node:22",
      before_script: ["npm ci"],
      stage: "test",
      needs: ["build"],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable of the script
      script: ["npm ci", 'npm test\necho "${CI_JOB_NAME} `done`"\n'],
    });
  });

  it("reads FILE and writes --out", async () => {
    const directory = await project({ "ci/main.yml": "test:\n  script: make test\n" });
    const result = await run(["import", "ci/main.yml", "--out", "ci/pipeline.ts"], directory);
    expect(result.stdout).toBe(
      'wrote ci/pipeline.ts from ci/main.yml; check it with "pipecraft check --app ci/pipeline.ts"\n',
    );
    expect(await readFile(join(directory, "ci/pipeline.ts"), "utf8")).toContain(
      'test: { script: "make test" }',
    );
  });

  it("--stdout prints the file and writes nothing", async () => {
    const directory = await project({ ".gitlab-ci.yml": "test:\n  script: make test\n" });
    const result = await run(["import", "--stdout"], directory);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('import { pipeline } from "pipecraft";');
    expect(await listFiles(directory)).toEqual([".gitlab-ci.yml"]);
  });

  it("refuses to replace an existing pipeline.ts without --force", async () => {
    const directory = await project({ ".gitlab-ci.yml": gitlabCi, "pipeline.ts": "// mine\n" });
    expect(await run(["import"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "pipecraft import: pipeline.ts already exists; to replace it, run import again with --force, or write elsewhere with --out <file>\n",
    });
    expect(await readFile(join(directory, "pipeline.ts"), "utf8")).toBe("// mine\n");
    expect((await run(["import", "--force"], directory)).code).toBe(0);
    expect(await readFile(join(directory, "pipeline.ts"), "utf8")).toContain("pipeline(");
  });

  it("prints warnings and still writes (a repeated key: the last one wins)", async () => {
    const directory = await project({
      ".gitlab-ci.yml": "test:\n  script: a\n  script: b\n",
    });
    const result = await run(["import"], directory);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      '.gitlab-ci.yml:3:3: warning: key "script" is repeated; the last one wins, as in GitLab\n',
    );
    expect(await readFile(join(directory, "pipeline.ts"), "utf8")).toContain('script: "b"');
  });

  it.each([
    [
      "a tag GitLab does not read",
      "test:\n  script: !shell make\n",
      ".gitlab-ci.yml:2:18: the tag !shell is not one GitLab reads (only !reference is)\n",
    ],
    [
      "a list as a mapping key",
      "test:\n  ? [a, b]\n  : 1\n",
      ".gitlab-ci.yml:2:5: a mapping key that is not a plain value (a list or mapping as key) has no TypeScript form\n",
    ],
    [
      "a !reference without a key",
      "test:\n  script: !reference [.setup]\n",
      ".gitlab-ci.yml:2:22: !reference needs a job and at least one key, all plain strings (!reference [.setup, script])\n",
    ],
    [
      "three documents",
      "spec: {}\n---\na: {script: x}\n---\nb: {script: y}\n",
      ".gitlab-ci.yml:5:1: 3 YAML documents; GitLab reads a spec header and one more\n",
    ],
    [
      "a header document with more than spec",
      "spec: {}\nstages: [a]\n---\na: {script: x}\n",
      ".gitlab-ci.yml:2:1: the first of two documents may only hold spec, not stages\n",
    ],
    [
      "a document that is not a mapping",
      "- a\n- b\n",
      ".gitlab-ci.yml:1:1: the document is not a mapping of keywords and jobs\n",
    ],
    [
      "a merge key naming a list",
      "base: &base [1]\ntest:\n  <<: *base\n  script: x\n",
      ".gitlab-ci.yml:3:7: a merge key (<<) must name mappings; this one names something else\n",
    ],
    [
      "invalid YAML",
      "test:\n  script: [a\n",
      ".gitlab-ci.yml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]\n",
    ],
  ])("stops on %s with the place and the reason, writing nothing", async (_, yaml, message) => {
    const directory = await project({ ".gitlab-ci.yml": yaml });
    expect(await run(["import"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: `${message}pipecraft import: .gitlab-ci.yml was not imported; nothing was written\n`,
    });
    expect(await listFiles(directory)).toEqual([".gitlab-ci.yml"]);
  });

  it.each([
    [[], "no .gitlab-ci.yml in DIR; name the file: pipecraft import path/to/.gitlab-ci.yml"],
    [["ci.yml"], "ci.yml: no such file"],
    [["a.yml", "b.yml"], 'unexpected argument "b.yml"'],
    [["--stdout", "--out", "x.ts"], "--stdout and --out cannot be used together"],
    [["--stdout", "--force"], "--stdout and --force cannot be used together"],
    [["--style", "classes"], '--style must be hidden or functions, not "classes"'],
  ])("pipecraft import %j is a usage error", async (args, message) => {
    const directory = await project({ "lib/x.txt": "" });
    expect(await run(["import", ...args], directory)).toEqual({
      code: 2,
      stdout: "",
      stderr: `pipecraft import: ${message.replace("DIR", directory)}\n${seeImportHelp}`,
    });
  });

  it("names a folder given as FILE", async () => {
    const directory = await project({ "lib/x.txt": "" });
    const result = await run(["import", "lib"], directory);
    expect(result.stderr).toBe(`pipecraft import: lib: not a file\n${seeImportHelp}`);
  });

  it("says where it cannot write", async () => {
    const directory = await project({ ".gitlab-ci.yml": "test:\n  script: x\n" });
    await writeFile(join(directory, "file"), "");
    const result = await run(["import", "--out", "file/pipeline.ts"], directory);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^pipecraft import: cannot write file\/pipeline\.ts: /);
  });
});

// `include: local` files: one module each, beside pipeline.ts at the same relative path, all
// written or none.
const withIncludes: Record<string, string> = {
  ".gitlab-ci.yml": `include:
  - local: ci/base.yml
  - local: "ci/jobs/*.yml"
variables:
  A: main
build:
  variables:
    B: main-b
`,
  "ci/base.yml": `stages: [build, test]
variables:
  A: base
.node:
  image: node:22
build:
  stage: build
  variables:
    B: base-b
  script: [make]
`,
  "ci/jobs/test.yml":
    "test:\n  extends: .node\n  stage: test\n  needs: [build]\n  script: [make test]\n",
  "ci/jobs/lint.yml": "lint:\n  stage: test\n  script: [make lint]\n",
};

const modules = ["ci/base.ts", "ci/jobs/lint.ts", "ci/jobs/test.ts"];

function includeSource(files: Record<string, string>) {
  return { readFile: (path: string) => files[path], files: () => Object.keys(files) };
}

describe("pipecraft import of a file with include: local", () => {
  it("writes pipeline.ts and a module per included file, which synthesize to the merged YAML", async () => {
    const directory = await project({
      ...withIncludes,
      "package.json": '{ "type": "module" }\n',
      "tsconfig.json": `${JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "nodenext",
          target: "es2022",
          noEmit: true,
          skipLibCheck: true,
        },
      })}\n`,
      "biome.json": '{ "root": false, "extends": "//", "formatter": { "lineWidth": 80 } }\n',
    });
    expect(await run(["import"], directory)).toEqual({
      code: 0,
      stdout: `wrote pipeline.ts and 3 modules of included files (${modules.join(", ")}) from .gitlab-ci.yml; check it with "pipecraft check"\n`,
      stderr: "",
    });
    expect(await listFiles(directory)).toEqual(
      [
        ...Object.keys(withIncludes),
        "ci",
        "ci/jobs",
        "package.json",
        "tsconfig.json",
        "biome.json",
        "pipeline.ts",
        ...modules,
      ].sort(),
    );
    expect(await readFile(join(directory, "pipeline.ts"), "utf8")).toContain(
      'import { base } from "./ci/base.js";',
    );
    const synth = await run(["synth", "--stdout"], directory);
    expect(synth.stderr).toBe("");
    expect(parseGitlabYaml(synth.stdout)).toEqual(
      resolveLocalIncludes(withIncludes[".gitlab-ci.yml"]!, includeSource(withIncludes)).pipeline,
    );
    // tsc --strict over pipeline.ts and the modules, and validation.
    expect(await run(["check"], directory)).toMatchObject({
      code: 0,
      stderr: "pipeline.ts type-checks and is valid (3 jobs)\n",
    });
    const biome = spawnSync(
      join(repoRoot, "node_modules/.bin/biome"),
      ["check", "pipeline.ts", ...modules],
      { encoding: "utf8", cwd: directory },
    );
    expect(biome.stdout + biome.stderr).toContain("Checked 4 files");
    expect(biome.status).toBe(0);
    // `check` starts the TypeScript compiler: most of a minute on a busy shared machine.
  }, 300_000);

  it("--stdout prints every file, each after its name, and writes nothing", async () => {
    const directory = await project(withIncludes);
    const result = await run(["import", "--stdout"], directory);
    expect(result.code).toBe(0);
    const names = [...result.stdout.matchAll(/^\/\/ ==> (.+) <==$/gm)].map((m) => m[1]);
    expect(names).toEqual(["pipeline.ts", ...modules]);
    expect(await listFiles(directory)).toEqual(
      [...Object.keys(withIncludes), "ci", "ci/jobs"].sort(),
    );
  });

  it("--out places the modules beside the pipeline file", async () => {
    const directory = await project(withIncludes);
    await mkdir(join(directory, "gen"));
    const result = await run(["import", "--out", "gen/pipeline.ts"], directory);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "wrote gen/pipeline.ts and 3 modules of included files (gen/ci/base.ts, ",
    );
    expect(await readFile(join(directory, "gen/ci/jobs/test.ts"), "utf8")).toContain(
      "export const test = {",
    );
  });

  it("refuses to replace existing files without --force, naming each, and writes none", async () => {
    const directory = await project({
      ...withIncludes,
      "ci/base.ts": "// mine\n",
      "ci/jobs/test.ts": "// mine too\n",
    });
    expect(await run(["import"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "pipecraft import: ci/base.ts and ci/jobs/test.ts already exist; to replace them, run import again with --force, or write elsewhere with --out <file>\n",
    });
    expect(await listFiles(directory)).not.toContain("pipeline.ts");
    expect(await readFile(join(directory, "ci/base.ts"), "utf8")).toBe("// mine\n");
    await chmod(join(directory, "ci/base.ts"), 0o600);
    expect((await run(["import", "--force"], directory)).code).toBe(0);
    expect(await readFile(join(directory, "ci/base.ts"), "utf8")).toContain("export const base");
    // A replaced file keeps its permissions.
    expect((await stat(join(directory, "ci/base.ts"))).mode & 0o777).toBe(0o600);
  });

  it("writes none of the files when one cannot be written", async () => {
    const directory = await project(withIncludes);
    await mkdir(join(directory, "gen"));
    await writeFile(join(directory, "gen/ci"), "a file where a folder would go\n");
    const result = await run(["import", "--out", "gen/pipeline.ts"], directory);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "pipecraft import: cannot write gen/ci/base.ts: a file is in the way of its folder; none of the 4 files was written\n",
    });
    expect((await listFiles(directory)).filter((f) => f.startsWith("gen"))).toEqual([
      "gen",
      "gen/ci",
    ]);
  });

  it("prints why an include is kept as an include", async () => {
    const directory = await project({
      ".gitlab-ci.yml":
        'include:\n  - local: ci/deploy.yml\n    rules:\n      - if: $DEPLOY == "1"\ntest:\n  script: [t]\n',
      "ci/deploy.yml": "deploy:\n  script: [d]\n",
    });
    const result = await run(["import"], directory);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      '.gitlab-ci.yml:2:5: warning: include: local "ci/deploy.yml" has rules; kept as an include, for GitLab to decide when the pipeline is created (not imported as a module)\n',
    );
  });

  it.each([
    [
      "a missing include",
      { ".gitlab-ci.yml": "include: ci/none.yml\n" },
      '.gitlab-ci.yml:1:10: include: local "ci/none.yml" matches no file in the project; local paths start at the project root (the folder of .gitlab-ci.yml)',
    ],
    [
      "an include cycle",
      {
        ".gitlab-ci.yml": "include: ci/a.yml\n",
        "ci/a.yml": "include: ci/b.yml\na:\n  script: [a]\n",
        "ci/b.yml": "include: ci/a.yml\nb:\n  script: [b]\n",
      },
      "ci/b.yml:1:10: include cycle: .gitlab-ci.yml → ci/a.yml → ci/b.yml → ci/a.yml; a file cannot include itself, even through others",
    ],
    [
      "a path outside the project",
      { ".gitlab-ci.yml": "include: ../other/ci.yml\n" },
      '.gitlab-ci.yml:1:10: include: local "../other/ci.yml" is outside the project; local paths start at the project root (the folder of .gitlab-ci.yml)',
    ],
    [
      "an included file that cannot be imported",
      { ".gitlab-ci.yml": "include: ci/a.yml\n", "ci/a.yml": "a:\n  script: !shell x\n" },
      "ci/a.yml:2:18: the tag !shell is not one GitLab reads (only !reference is)",
    ],
  ])("stops on %s, naming the file and the place, writing nothing", async (_, files, message) => {
    const directory = await project(files);
    const before = await listFiles(directory);
    expect(await run(["import"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: `${message}\npipecraft import: .gitlab-ci.yml was not imported; nothing was written\n`,
    });
    expect(await listFiles(directory)).toEqual(before);
  });
});
