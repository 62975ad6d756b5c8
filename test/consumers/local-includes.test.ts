// `include: local` merged by pipecraft's GitLab reader, checked against gitlab-ci-local, which
// resolves local includes itself: the merged pipeline, expanded, equals its `--preview`.
import { load } from "js-yaml";
import { pipeline, validatePipeline } from "pipecraft";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveLocalIncludes } from "../../packages/gitlab/src/index.js";
import { createCiRepository, previewConfiguration, removeCiRepository } from "./gitlab-ci-local.js";

const files: Record<string, string> = {
  ".gitlab-ci.yml": `include:
  - local: ci/base.yml
  - local: "ci/jobs/*.yml"
  - local: ci/never.yml
    rules:
      - if: $NOPE == "1"
  - local: /ci/inputs.yml
    inputs:
      name: world
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
  "ci/jobs/a.yml": "test-a:\n  extends: .tpl\n  stage: test\n  script: [a]\n",
  "ci/jobs/b.yml": "test-b:\n  stage: test\n  script: [b]\n",
  "ci/never.yml": "never:\n  script: [no]\n",
  "ci/inputs.yml":
    'spec:\n  inputs:\n    name:\n      default: x\n---\nhello-$[[ inputs.name ]]:\n  stage: test\n  script: ["echo $[[ inputs.name ]]"]\n',
};

const source = {
  readFile: (path: string) => files[path],
  files: () => Object.keys(files),
};

type Shape = Record<string, unknown>;

// What both sides say about each job: the keywords the fixtures use.
function shapes(jobs: Record<string, unknown>): Record<string, Shape> {
  return Object.fromEntries(
    Object.entries(jobs)
      .filter(([name]) => !name.startsWith("."))
      .map(([name, job]) => {
        const { stage, script, variables, tags, image } = job as Shape;
        const imageName = typeof image === "string" ? image : (image as Shape | undefined)?.name;
        return [name, { stage, script, variables, tags, image: imageName }];
      }),
  );
}

describe("include: local is merged as GitLab merges it", () => {
  let repo = "";
  beforeAll(async () => {
    repo = await createCiRepository(files);
  });
  afterAll(async () => {
    await removeCiRepository(repo);
  });

  it("equals gitlab-ci-local's --preview", async () => {
    const merged = resolveLocalIncludes(files[".gitlab-ci.yml"]!, source);
    expect(merged.diagnostics).toEqual([]);
    const { pipeline: model, diagnostics } = validatePipeline(pipeline(merged.pipeline));
    expect(diagnostics).toEqual([]);
    const preview = load(await previewConfiguration(repo)) as Record<string, unknown>;
    const { stages: _, variables, ...previewJobs } = preview;
    expect(model?.variables).toEqual(variables);
    expect(shapes(model!.jobs)).toEqual(shapes(previewJobs));
    expect(Object.keys(model!.jobs)).toEqual(["build", "test-a", "test-b", "hello-world"]);
  });
});
