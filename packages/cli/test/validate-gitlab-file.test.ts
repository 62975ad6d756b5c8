// `pipecraft validate .gitlab-ci.yml`: a GitLab file read as GitLab reads it, its local includes
// merged. (Checked against gitlab-ci-local in test/consumers/validate-gitlab-file.test.ts.)
import { describe, expect, it } from "vitest";
import { listFiles, run, useProjects } from "./project.js";

const project = useProjects();

const files = {
  ".gitlab-ci.yml":
    "include:\n  - local: ci/build.yml\n  - local: 'ci/jobs/*.yml'\ntest:\n  stage: test\n  needs: [build]\n  script: [make test]\n",
  "ci/build.yml": "stages: [build, test]\nbuild:\n  stage: build\n  script: [make]\n",
  "ci/jobs/lint.yml": ".tpl:\n  image: alpine\nlint:\n  extends: .tpl\n  script: [lint]\n",
};

describe("pipecraft validate FILE.yml", () => {
  it("merges local includes and validates the result; writes nothing", async () => {
    const directory = await project(files);
    expect(await run(["validate", ".gitlab-ci.yml"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: ".gitlab-ci.yml is valid (3 jobs)\n",
    });
    expect(await run(["validate", "--app", ".gitlab-ci.yml"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: ".gitlab-ci.yml is valid (3 jobs)\n",
    });
    expect(await listFiles(directory)).toEqual([
      ".gitlab-ci.yml",
      "ci",
      "ci/build.yml",
      "ci/jobs",
      "ci/jobs/lint.yml",
    ]);
  });

  it("reports a problem of an included job, a missing include and a duplicate key", async () => {
    const directory = await project({
      ...files,
      ".gitlab-ci.yml": `${files[".gitlab-ci.yml"]}  script: [again]\n`,
      "ci/build.yml": files["ci/build.yml"].replace("stage: build", "stage: biuld"),
      "ci/jobs/lint.yml": "include: ci/missing.yml\n",
    });
    expect(await run(["validate", ".gitlab-ci.yml"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        '.gitlab-ci.yml:2:5: include[0]: local include "ci/missing.yml" matches no file in the repository',
        'ci/build.yml:3:3: jobs.build.stage: stage "biuld" is not declared in stages; did you mean "build"?',
        ".gitlab-ci.yml:8:3: warning: duplicate key test.script (first at line 7); GitLab keeps this last one",
        "2 errors and 1 warning in .gitlab-ci.yml",
        "",
      ].join("\n"),
    });
  });

  it("places each problem at file:line:col where its value was written: includes, anchors, merge keys", async () => {
    const directory = await project({
      ".gitlab-ci.yml": [
        "include: ci/base.yml",
        ".common: &common",
        "  stage: tst",
        "  needs: [biuld]",
        "test:",
        "  <<: *common",
        "  script: [make test]",
        "  script: [again]",
        "",
      ].join("\n"),
      "ci/base.yml": "stages: [build, test]\nbuild:\n  stage: biuld\n  script: [make]\n",
    });
    expect(await run(["validate", ".gitlab-ci.yml"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        'ci/base.yml:3:3: jobs.build.stage: stage "biuld" is not declared in stages; did you mean "build"?',
        '.gitlab-ci.yml:3:3: jobs.test.stage: stage "tst" is not declared in stages; did you mean "test"?',
        '.gitlab-ci.yml:4:11: jobs[".common"].needs[0]: no job named "biuld"; did you mean "build"?',
        '.gitlab-ci.yml:4:11: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?',
        ".gitlab-ci.yml:8:3: warning: duplicate key test.script (first at line 7); GitLab keeps this last one",
        "4 errors and 1 warning in .gitlab-ci.yml",
        "",
      ].join("\n"),
    });
  });

  it("places a problem in an included file with inputs, and in a spec header", async () => {
    const directory = await project({
      "main.yml": "include:\n  - local: ci/hello.yml\n    inputs: { name: world }\n",
      "ci/hello.yml":
        "spec:\n  inputs:\n    name:\n---\nhello-$[[ inputs.name ]]:\n  script: [x]\n  needs: [nope]\n",
      "spec.yml": "spec:\n  inputs:\n    env:\n      type: nummber\n---\njob:\n  script: [x]\n",
    });
    expect(await run(["validate", "main.yml"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'ci/hello.yml:7:11: jobs.hello-world.needs[0]: no job named "nope"\n1 error in main.yml\n',
    });
    expect(await run(["validate", "spec.yml"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'spec.yml:4:7: spec.inputs.env.type: expected one of "array", "boolean", "number", "string", got "nummber"; did you mean "number"?\n1 error in spec.yml\n',
    });
  });

  it("accepts a library file and an include-only file with a warning, never a failure", async () => {
    const directory = await project({
      "lib.yml": ".functions: &functions |\n  f() { :; }\n.build:\n  script: [make]\n",
      "includes.yml": "include:\n  - template: Auto-DevOps.gitlab-ci.yml\n",
      "local-library.yml": "include: lib.yml\n",
    });
    const library =
      "jobs: warning: only hidden templates (.name): accepted as a library to include; GitLab runs no pipeline from this file alone";
    expect(await run(["validate", "lib.yml"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: `lib.yml: ${library}\n1 warning in lib.yml\nlib.yml is valid (0 jobs)\n`,
    });
    expect(await run(["validate", "local-library.yml"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: `local-library.yml: ${library}\n1 warning in local-library.yml\nlocal-library.yml is valid (0 jobs)\n`,
    });
    expect(await run(["validate", "includes.yml"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: [
        "includes.yml: jobs: warning: no jobs; a pipeline needs at least one job that runs (unless an unresolved include (template) provides it)",
        "1 warning in includes.yml",
        "includes.yml is valid (0 jobs)",
        "",
      ].join("\n"),
    });
  });

  it("says where the YAML is broken", async () => {
    const directory = await project({ "ci.yml": "a: [\n" });
    const result = await run(["validate", "ci.yml"], directory);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ci\.yml: Flow sequence .* at line 2, column 1:/);
  });

  it.each([
    [["validate", "nope.yml"], "pipecraft validate: file not found: nope.yml"],
    [["validate", "--app", "nope.yaml"], "pipecraft validate: --app file not found: nope.yaml"],
    [
      ["validate", "a.yml", "--app", "b.yml"],
      "pipecraft validate: give the file once: a.yml or --app b.yml",
    ],
    [
      ["validate", "a.yml", "--target", "kubernetes"],
      "pipecraft validate: --target kubernetes needs a pipeline.ts; a GitLab file is validated for GitLab only",
    ],
    [
      ["validate", "--resolve-includes"],
      "pipecraft validate: --resolve-includes reads a GitLab file: pipecraft validate .gitlab-ci.yml --resolve-includes",
    ],
    [
      ["validate", "a.yml", "--templates-url", "https://example.com/"],
      "pipecraft validate: --templates-url needs --resolve-includes",
    ],
  ])("%j is a usage error", async (args, message) => {
    const directory = await project({ "a.yml": "j:\n  script: [x]\n" });
    expect(await run(args, directory)).toEqual({
      code: 2,
      stdout: "",
      stderr: `${message}\nRun "pipecraft validate --help" for usage.\n`,
    });
  });
});
