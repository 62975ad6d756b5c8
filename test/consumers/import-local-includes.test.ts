// `pipecraft import` of a file with `include: local`, checked against gitlab-ci-local, which
// resolves local includes itself: its `--preview` of the original project (the YAML and its
// included files) equals its `--preview` of what the imported pipeline.ts and modules synthesize.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPipelineDefinition, validatePipeline } from "../../packages/core/src/index.js";
import { synthGitlab } from "../../packages/gitlab/src/index.js";
import { importGitlabYaml } from "../../packages/import/src/index.js";
import { repoRoot } from "../support/shared.js";
import { createCiRepository, previewConfiguration, removeCiRepository } from "./gitlab-ci-local.js";

const files: Record<string, string> = {
  ".gitlab-ci.yml": `include:
  - local: ci/base.yml
  - local: "ci/jobs/*.yml"
  - local: ci/deploy.yml
    rules:
      - if: $DEPLOY == "1"
variables:
  A: main
build:
  variables:
    B: main-b
  script: [make main]
`,
  "ci/base.yml": `stages: [build, test]
variables:
  A: base
  C: base
.tpl:
  image: alpine
  variables: { T: tpl }
build:
  stage: build
  variables:
    B: base-b
    D: base-d
  script: [make base]
  tags: [x]
`,
  "ci/jobs/a.yml": "include: ci/base.yml\ntest-a:\n  extends: .tpl\n  stage: test\n  script: [a]\n",
  "ci/jobs/b.yml":
    "test-b:\n  stage: test\n  needs: [build]\n  script: [b]\nbuild:\n  variables:\n    D: b-d\n",
  "ci/deploy.yml": "deploy:\n  stage: test\n  script: [deploy]\n",
};

const outRoot = join(repoRoot, ".tmp/import-local-includes-gcl");
const repos: string[] = [];

beforeAll(() => {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(join(outRoot, "node_modules"), { recursive: true });
  symlinkSync(join(repoRoot, "packages/cli"), join(outRoot, "node_modules/pipecraft"), "dir");
  writeFileSync(join(outRoot, "package.json"), '{ "type": "module" }\n');
});
afterAll(async () => {
  rmSync(outRoot, { recursive: true, force: true });
  await Promise.all(repos.map(removeCiRepository));
});

async function preview(project: Record<string, string>): Promise<unknown> {
  const repo = await createCiRepository(project);
  repos.push(repo);
  return load(await previewConfiguration(repo));
}

describe("import of include: local, against gitlab-ci-local", () => {
  it("the synthesized pipeline previews as the original project does", async () => {
    const { files: written, diagnostics } = importGitlabYaml(files[".gitlab-ci.yml"]!, {
      includes: {
        file: ".gitlab-ci.yml",
        readFile: (p) => files[p],
        files: () => Object.keys(files),
      },
    });
    expect(diagnostics.map((d) => d.code)).toEqual(["import/include-kept"]);
    for (const file of written) {
      mkdirSync(dirname(join(outRoot, file.path)), { recursive: true });
      writeFileSync(join(outRoot, file.path), file.text);
    }
    const module = (await import(pathToFileURL(join(outRoot, "pipeline.ts")).href)) as {
      default: unknown;
    };
    if (!isPipelineDefinition(module.default)) throw new Error("not a pipeline() value");
    const { pipeline, diagnostics: problems } = validatePipeline(module.default);
    expect(problems.filter((d) => d.severity === "error")).toEqual([]);
    const yaml = synthGitlab(pipeline!).output ?? "";
    // The kept include (rules) still names ci/deploy.yml, so the included files stay.
    const synthesized = await preview({ ...files, ".gitlab-ci.yml": yaml });
    const original = (await preview(files)) as Record<string, { variables?: unknown }>;
    expect(synthesized).toEqual(original);
    // Deep-merged: base's build, b's variable on it, the main file's on top.
    expect(original.build?.variables).toEqual({ B: "main-b", D: "b-d" });
    expect(Object.keys(original)).toContain("test-a");
    expect(Object.keys(original)).not.toContain("deploy");
  });
});
