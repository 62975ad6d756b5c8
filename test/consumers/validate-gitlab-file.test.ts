// `pipecraft validate .gitlab-ci.yml` (the built CLI, as users run it) reads the local includes
// as gitlab-ci-local 4.73.0 does, which resolves them itself: the same jobs when the merged file
// is valid, and both refuse a merged file with a broken need.
import { afterEach, describe, expect, it } from "vitest";
import {
  createCiRepository,
  listJobs,
  removeCiRepository,
  runGitlabCiLocal,
} from "./gitlab-ci-local.js";
import { runPipecraft } from "./pipecraft-cli.js";

const files: Record<string, string> = {
  ".gitlab-ci.yml": `include:
  - local: ci/base.yml
  - local: "ci/jobs/*.yml"
  - local: ci/never.yml
    rules:
      - exists: [nothing-here.txt]
  - local: /ci/inputs.yml
    inputs:
      name: world
variables:
  A: main
build:
  script: [make main]
`,
  "ci/base.yml": `stages: [build, test]
.tpl:
  image: alpine
build:
  stage: build
  script: [make base]
`,
  "ci/jobs/a.yml": "test-a:\n  extends: .tpl\n  stage: test\n  needs: [build]\n  script: [a]\n",
  "ci/jobs/b.yml": "test-b:\n  stage: test\n  script: [b]\n",
  "ci/never.yml": "never:\n  script: [no]\n",
  "ci/inputs.yml":
    'spec:\n  inputs:\n    name:\n      default: x\n---\nhello-$[[ inputs.name ]]:\n  stage: test\n  script: ["echo $[[ inputs.name ]]"]\n',
};

const repositories: string[] = [];
afterEach(async () => {
  await Promise.all(repositories.splice(0).map(removeCiRepository));
});

async function repository(over: Record<string, string> = {}): Promise<string> {
  const dir = await createCiRepository({ ...files, ...over });
  repositories.push(dir);
  return dir;
}

describe("pipecraft validate .gitlab-ci.yml against gitlab-ci-local", () => {
  it("finds the jobs gitlab-ci-local lists", async () => {
    const dir = await repository();
    const listed = await listJobs(dir);
    expect(listed.map((job) => job.name).sort()).toEqual([
      "build",
      "hello-world",
      "test-a",
      "test-b",
    ]);
    const result = await runPipecraft(["validate", ".gitlab-ci.yml"], dir);
    expect(result.stderr).toBe(`.gitlab-ci.yml is valid (${listed.length} jobs)\n`);
    expect(result.exitCode).toBe(0);
  });

  it("refuses a need that no included file provides, as gitlab-ci-local does", async () => {
    const dir = await repository({
      "ci/jobs/a.yml": files["ci/jobs/a.yml"]!.replace("[build]", "[biuld]"),
    });
    const local = await runGitlabCiLocal(dir, ["--list-json"]);
    expect(local.exitCode).not.toBe(0);
    expect(`${local.stdout}${local.stderr}`).toContain("biuld");
    const result = await runPipecraft(["validate", ".gitlab-ci.yml"], dir);
    expect(result.stderr).toBe(
      'ci/jobs/a.yml:4:11: jobs.test-a.needs[0]: no job named "biuld"; did you mean "build"?\n1 error in .gitlab-ci.yml\n',
    );
    expect(result.exitCode).toBe(1);
  });
});
