// `pipecraft import`: a .gitlab-ci.yml becomes a pipeline.ts that synthesizes back to the same
// data; every refusal and error has its message, and an error writes nothing.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseGitlabYaml } from "@pipecraft/gitlab";
import { describe, expect, it } from "vitest";
import { listFiles, run, useProjects } from "./project.js";

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
      stdout: 'wrote pipeline.ts from .gitlab-ci.yml; check it with "pipecraft synth --stdout"\n',
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
      'wrote ci/pipeline.ts from ci/main.yml; check it with "pipecraft synth --stdout"\n',
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
