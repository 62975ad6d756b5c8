// What importGitlabYaml writes for the shapes a person uses: anchors and merge keys, hidden
// templates, `!reference`, `extends` onto names from an include, comments, awkward strings.
// The whole file is asserted, so that a change in the output is reviewed here.
import { describe, expect, it } from "vitest";
import { importGitlabYaml } from "../src/index.js";

const yaml = `# Top comment

stages: [build, test]

variables: &vars
  A: "1"

.base: &base
  image: node:22 # the image
  before_script:
    - npm ci

.other: &other
  tags: [docker]
  image: alpine

build:
  <<: [*base, *other]
  stage: build
  variables:
    <<: *vars
    B: "2"
  script:
    - echo "\${HOME}" \\ \`x\`
    - |
      multi \`line\` \${VAR} \\n
      end
test:
  extends: .lib
  needs: [build, lint]
  script: !reference [.base, before_script]
include:
  - project: a/b
    file: c.yml
`;

const expected = `// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell variables, not placeholders

// Top comment

import { included, type JobTemplate, pipeline, reference } from "pipecraft";

const vars = { A: "1" } as const;

const base = {
  // the image
  image: "node:22",
  before_script: ["npm ci"],
} satisfies JobTemplate;

const other = { tags: ["docker"], image: "alpine" } satisfies JobTemplate;

export default pipeline(
  {
    stages: ["build", "test"],

    variables: vars,

    jobs: {
      ".base": base,

      ".other": other,

      build: {
        ...other,
        ...base,
        stage: "build",
        variables: { ...vars, B: "2" },
        script: [
          'echo "\${HOME}" \\\\ \`x\`',
          \`multi \\\`line\\\` \\\${VAR} \\\\n
end
\`,
        ],
      },
      test: {
        extends: ".lib",
        needs: ["build", "lint"],
        script: reference(".base", "before_script"),
      },
    },
    include: [
      included(
        { project: "a/b", file: "c.yml" },
        { jobs: ["lint"], templates: [".lib"] },
      ),
    ],
  },
  { templates: "hidden" },
);
`;

describe("importGitlabYaml", () => {
  it("writes consts for anchors and templates, spreads for merge keys, reference(), included()", () => {
    expect(importGitlabYaml(yaml)).toEqual({
      files: [{ path: "pipeline.ts", text: expected }],
      diagnostics: [],
    });
  });

  it("lets the first merge source win, across merge keys too, as YAML does", () => {
    const { files } = importGitlabYaml(
      "a: &a {x: 1}\nb: &b {x: 2}\nc: &c {x: 3}\njob:\n  <<: *a\n  <<: [*b, *c]\n  script: s\n",
    );
    expect(files[0]?.text).toContain('job: { ...c, ...b, ...a, script: "s" },');
  });

  it("names consts in camel case, never a reserved word or a name taken", () => {
    const { files } = importGitlabYaml(
      ".default: {script: a}\n.pipeline: {script: b}\n.node_job: {script: c}\n.node-job: {script: d}\n",
    );
    const text = files[0]?.text ?? "";
    for (const name of ["default2", "pipeline2", "nodeJob", "nodeJob2"]) {
      expect(text).toContain(`const ${name} = `);
    }
  });

  it("breaks what does not fit in the line width, and keeps what fits on one line", () => {
    const script = "x".repeat(60);
    const narrow = importGitlabYaml(`job:\n  script: [${script}, y]\n`, { lineWidth: 80 });
    const wide = importGitlabYaml(`job:\n  script: [${script}, y]\n`, { lineWidth: 120 });
    expect(narrow.files[0]?.text).toContain(
      `script: [\n        "${script}",\n        "y",\n      ],`,
    );
    expect(wide.files[0]?.text).toContain(`job: { script: ["${script}", "y"] },`);
  });

  it("places an error at its line and column, and writes no file", () => {
    expect(importGitlabYaml("job:\n  script: !custom x\n")).toEqual({
      files: [],
      diagnostics: [
        {
          code: "import/unsupported-yaml",
          severity: "error",
          message: "the tag !custom is not one GitLab reads (only !reference is)",
          line: 2,
          column: 19,
        },
      ],
    });
  });
});
