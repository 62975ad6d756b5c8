// `include: local` files imported as one module each: which files are written, what they say,
// that they type-check (`tsc --strict`) and pass `biome check`, and that the pipeline they make
// synthesizes to what GitLab makes of the YAML with its local includes merged (deep merge, the
// including file winning; wildcards; nested includes). Every error names the file and the place.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { isPipelineDefinition, pipeline as pipelineOf, validatePipeline } from "@pipecraft/core";
import { parseGitlabYaml, resolveLocalIncludes, synthGitlab } from "@pipecraft/gitlab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../test/support/shared.js";
import { type ImportOptions, importGitlabYaml } from "../src/index.js";

type Project = Record<string, string>;

function source(files: Project, file = ".gitlab-ci.yml") {
  return {
    file,
    readFile: (path: string) => files[path],
    files: () => Object.keys(files),
  };
}

function importProject(files: Project, options: ImportOptions = {}) {
  return importGitlabYaml(files[".gitlab-ci.yml"]!, { includes: source(files), ...options });
}

/** A project with every shape: a nested include, a wildcard, an override, a diamond, a template. */
const merged: Project = {
  ".gitlab-ci.yml": `include:
  - local: ci/base.gitlab-ci.yml
  - local: "ci/jobs/*.yml"
  - template: Security/SAST.gitlab-ci.yml
variables:
  A: main
build:
  variables:
    B: main-b
  script: [make main]
semgrep-sast:
  variables:
    X: "1"
deploy:
  extends: .tpl
  stage: test
  needs: [test, lint]
  script: [deploy]
`,
  "ci/base.gitlab-ci.yml": `# What every job shares.
include:
  - template: Jobs/Code-Quality.gitlab-ci.yml
stages: [build, test]
variables:
  A: base
  C: base
default:
  image: alpine
  tags: [docker]
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
  "ci/jobs/lint.yml": `include: /ci/base.gitlab-ci.yml
default:
  image: node:22
lint:
  extends: .tpl
  stage: test
  script: [lint]
`,
  "ci/jobs/test.yml": `test:
  stage: test
  needs: [build]
  script: [test]
build:
  variables:
    D: test-d
`,
  "docs/readme.txt": "not YAML at all: [",
};

/** Entries with `rules`, `inputs` or a `spec` header are kept as includes, with a warning. */
const kept: Project = {
  ".gitlab-ci.yml": `include:
  - local: ci/base.yml
  - local: ci/never.yml
    rules:
      - if: $DEPLOY == "1"
  - local: ci/hello.yml
    inputs:
      name: world
test:
  stage: test
  script: [test]
`,
  "ci/base.yml": "stages: [build, test]\nbuild:\n  stage: build\n  script: [make]\n",
  "ci/never.yml": "deploy:\n  stage: test\n  script: [deploy]\n",
  "ci/hello.yml":
    'spec:\n  inputs:\n    name:\n      default: x\n---\nhello-$[[ inputs.name ]]:\n  stage: test\n  script: ["echo $[[ inputs.name ]]"]\n',
};

const projects: [string, Project, ImportOptions][] = [
  ["merged", merged, {}],
  ["kept", kept, {}],
  ["functions", merged, { style: "functions" }],
];

// Under the repository (gitignored), so that `pipecraft` resolves through a node_modules link.
const outRoot = join(repoRoot, ".tmp/import-local-includes");

beforeAll(() => {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(join(outRoot, "node_modules"), { recursive: true });
  symlinkSync(join(repoRoot, "packages/cli"), join(outRoot, "node_modules/pipecraft"), "dir");
  writeFileSync(join(outRoot, "package.json"), '{ "type": "module" }\n');
  writeFileSync(
    join(outRoot, "biome.json"),
    '{ "root": false, "extends": "//", "formatter": { "lineWidth": 80 } }\n',
  );
  writeFileSync(
    join(outRoot, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "nodenext",
        strict: true,
        noEmit: true,
        types: [],
      },
      include: ["**/*.ts"],
    }),
  );
  for (const [name, files, options] of projects) {
    const result = importProject(files, options);
    if (result.files.length === 0)
      throw new Error(`${name}: ${JSON.stringify(result.diagnostics)}`);
    for (const file of result.files) {
      const path = join(outRoot, name, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
  }
});
afterAll(() => {
  if (process.env.KEEP_IMPORT_OUTPUT === undefined)
    rmSync(outRoot, { recursive: true, force: true });
});

describe("include: local → one module per file", () => {
  it("writes pipeline.ts and one module per included file, beside it at the same path", () => {
    const { files, diagnostics } = importProject(merged);
    expect(diagnostics).toEqual([]);
    expect(files.map((file) => file.path)).toEqual([
      "pipeline.ts",
      "ci/base.gitlab-ci.ts",
      "ci/jobs/lint.ts",
      "ci/jobs/test.ts",
    ]);
  });

  it("reads like what a person would write: spread, and merged where GitLab merges", () => {
    const { files } = importProject(merged);
    // ci/base.gitlab-ci.yml is read through lint, which includes it again: lint's data holds it.
    expect(files[0]!.text).toBe(`import { extend, pipeline } from "pipecraft";
import { lint } from "./ci/jobs/lint.js";
import { test } from "./ci/jobs/test.js";

export default pipeline(
  {
    include: [...lint.include, { template: "Security/SAST.gitlab-ci.yml" }],
    stages: lint.stages,
    default: lint.default,
    variables: { ...lint.variables, A: "main" },

    jobs: {
      ...lint.jobs,
      ...test.jobs,
      build: extend(lint.jobs.build, test.jobs.build, {
        variables: { B: "main-b" },
        script: ["make main"],
      }),
      "semgrep-sast": { variables: { X: "1" } },
      deploy: {
        extends: ".tpl",
        stage: "test",
        needs: ["test", "lint"],
        script: ["deploy"],
      },
    },
  },
  { templates: "hidden" },
);
`);
    expect(files[2]!.text).toBe(`// Imported from ci/jobs/lint.yml (include: local).

import { base } from "../base.gitlab-ci.js";

export const lint = {
  include: base.include,
  stages: base.stages,
  variables: base.variables,
  default: { ...base.default, image: "node:22" },

  jobs: {
    ...base.jobs,
    lint: { extends: ".tpl", stage: "test", script: ["lint"] },
  },
} as const;
`);
  });

  it("keeps an include with rules, inputs or a spec header, with a warning that says why", () => {
    const { files, diagnostics } = importProject(kept);
    expect(files.map((file) => file.path)).toEqual(["pipeline.ts", "ci/base.ts"]);
    expect(diagnostics).toEqual([
      {
        code: "import/include-kept",
        severity: "warning",
        message:
          'include: local "ci/never.yml" has rules; kept as an include, for GitLab to decide when the pipeline is created (not imported as a module)',
        line: 3,
        column: 5,
      },
      {
        code: "import/include-kept",
        severity: "warning",
        message:
          'include: local "ci/hello.yml" has inputs; kept as an include, whose inputs GitLab fills in when the pipeline is created (not imported as a module)',
        line: 6,
        column: 5,
      },
    ]);
    const spec = importProject({
      ...kept,
      ".gitlab-ci.yml": "include: ci/hello.yml\ntest:\n  script: [test]\n",
    });
    expect(spec.diagnostics.map((d) => d.message)).toEqual([
      'include: local "ci/hello.yml": ci/hello.yml has a spec header; kept as an include, whose inputs GitLab fills in when the pipeline is created (not imported as a module)',
    ]);
    expect(spec.files.map((file) => file.path)).toEqual(["pipeline.ts"]);
  });

  it("without a project to read from, keeps every include as written", () => {
    const { files, diagnostics } = importGitlabYaml(merged[".gitlab-ci.yml"]!);
    expect(diagnostics).toEqual([]);
    expect(files.map((file) => file.path)).toEqual(["pipeline.ts"]);
    expect(files[0]!.text).toContain('{ local: "ci/base.gitlab-ci.yml" }');
  });

  it("lists once the includes of a file that is included twice, and keeps them after its own", () => {
    const { files, diagnostics } = importProject({
      ".gitlab-ci.yml":
        "include: [ci/base.yml, ci/lint.yml, { project: a/b, file: c.yml }]\nx:\n  script: [x]\n",
      "ci/base.yml": "include:\n  - template: Jobs/Build.gitlab-ci.yml\nb:\n  script: [b]\n",
      "ci/lint.yml": "include: ci/base.yml\nl:\n  script: [l]\n",
    });
    expect(diagnostics).toEqual([]);
    expect(files[0]!.text).toContain(
      'include: [...lint.include, { project: "a/b", file: "c.yml" }],',
    );
    expect(files.find((f) => f.path === "ci/lint.ts")!.text).toContain("include: base.include,");
  });

  it("names modules apart when two files would take the same name or path", () => {
    const { files } = importProject({
      ".gitlab-ci.yml": "include: [pipeline.yml, a/jobs.yml, b/jobs.yml]\n",
      "pipeline.yml": "p:\n  script: [p]\n",
      "a/jobs.yml": "a:\n  script: [a]\n",
      "b/jobs.yml": "b:\n  script: [b]\n",
    });
    expect(files.map((file) => file.path)).toEqual([
      "pipeline.ts",
      "a/jobs.ts",
      "b/jobs.ts",
      "pipeline-2.ts",
    ]);
    expect(files[0]!.text).toContain('import { jobs as jobs2 } from "./b/jobs.js";');
    expect(files[0]!.text).toContain('import { pipeline2 } from "./pipeline-2.js";');
  });
});

describe("the imported project", () => {
  it.each(projects.filter(([name]) => name !== "functions"))(
    "%s: synthesizes to the YAML with its local includes merged",
    async (name, files) => {
      const expected = resolveLocalIncludes(files[".gitlab-ci.yml"]!, source(files));
      const module = (await import(pathToFileURL(join(outRoot, name, "pipeline.ts")).href)) as {
        default: unknown;
      };
      if (!isPipelineDefinition(module.default)) throw new Error("not a pipeline() value");
      const { pipeline, diagnostics } = validatePipeline(module.default);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const yaml = synthGitlab(pipeline!).output ?? "";
      // The includes left (template, rules, inputs) are read as GitLab reads them, alike.
      const actual = resolveLocalIncludes(yaml, source(files));
      expect(actual.pipeline).toEqual(expected.pipeline);
      if (name === "merged") {
        expect(parseGitlabYaml(yaml)).toEqual(expected.pipeline);
        expect(yaml).not.toContain("local:");
      }
    },
  );

  it("--style functions: synthesizes to what the merged YAML expands to", async () => {
    const expand = (input: Parameters<typeof pipelineOf>[0]) =>
      parseGitlabYaml(synthGitlab(validatePipeline(pipelineOf(input)).pipeline!).output ?? "");
    const module = (await import(
      pathToFileURL(join(outRoot, "functions", "pipeline.ts")).href
    )) as { default: unknown };
    if (!isPipelineDefinition(module.default)) throw new Error("not a pipeline() value");
    const imported = validatePipeline(module.default);
    expect(imported.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const yaml = synthGitlab(imported.pipeline!).output ?? "";
    const resolved = resolveLocalIncludes(merged[".gitlab-ci.yml"]!, source(merged)).pipeline;
    expect(expand(parseGitlabYaml(yaml))).toEqual(expand(resolved));
  });

  it("type-checks with tsc --strict", () => {
    const tsc = spawnSync(
      process.execPath,
      [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", outRoot],
      { encoding: "utf8" },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
    // The compiler's start alone takes most of a minute on a busy shared machine.
  }, 300_000);

  it("passes biome check, formatted", () => {
    const biome = spawnSync(
      join(repoRoot, "node_modules/.bin/biome"),
      ["check", "--max-diagnostics=50", ...projects.map(([name]) => join(outRoot, name))],
      { encoding: "utf8", cwd: repoRoot },
    );
    expect(biome.stdout + biome.stderr).toContain("No fixes applied");
    expect(biome.status).toBe(0);
  });
});

describe("what stops the import", () => {
  it.each([
    [
      "a missing file",
      { ".gitlab-ci.yml": "include: ci/none.yml\n" },
      {
        code: "include/not-found",
        message:
          'include: local "ci/none.yml" matches no file in the project; local paths start at the project root (the folder of .gitlab-ci.yml)',
        line: 1,
        column: 10,
      },
    ],
    [
      "a wildcard that matches nothing",
      { ".gitlab-ci.yml": "include:\n  - local: 'ci/*.yml'\n", "ci/a.yaml": "" },
      {
        code: "include/not-found",
        message:
          'include: local "ci/*.yml" matches no file in the project; local paths start at the project root (the folder of .gitlab-ci.yml)',
        line: 2,
        column: 5,
      },
    ],
    [
      "a path outside the project",
      { ".gitlab-ci.yml": "include:\n  - local: ../shared/ci.yml\n" },
      {
        code: "import/include-outside-project",
        message:
          'include: local "../shared/ci.yml" is outside the project; local paths start at the project root (the folder of .gitlab-ci.yml)',
        line: 2,
        column: 5,
      },
    ],
    [
      "a file that includes itself",
      { ".gitlab-ci.yml": "include: .gitlab-ci.yml\n" },
      {
        code: "include/cycle",
        message:
          "include cycle: .gitlab-ci.yml → .gitlab-ci.yml; a file cannot include itself, even through others",
        line: 1,
        column: 10,
      },
    ],
    [
      "files that include each other",
      {
        ".gitlab-ci.yml": "include: ci/a.yml\n",
        "ci/a.yml": "include: ci/b.yml\na:\n  script: [a]\n",
        "ci/b.yml": "b:\n  script: [b]\ninclude: [ci/a.yml]\n",
      },
      {
        code: "include/cycle",
        message:
          "include cycle: .gitlab-ci.yml → ci/a.yml → ci/b.yml → ci/a.yml; a file cannot include itself, even through others",
        line: 3,
        column: 11,
        file: "ci/b.yml",
      },
    ],
    [
      "an included file that is not valid YAML",
      { ".gitlab-ci.yml": "include: ci/a.yml\n", "ci/a.yml": "a:\n  script: [a\n" },
      {
        code: "import/yaml-syntax",
        message: "Flow sequence in block collection must be sufficiently indented and end with a ]",
        line: 3,
        column: 1,
        file: "ci/a.yml",
      },
    ],
  ])("%s, naming the place", (_, files: Project, expected) => {
    const { files: written, diagnostics } = importProject(files);
    expect(written).toEqual([]);
    expect(diagnostics).toEqual([{ severity: "error", ...expected }]);
  });

  it("places a warning in an included file at that file", () => {
    const { diagnostics } = importProject({
      ".gitlab-ci.yml": "include: ci/a.yml\n",
      "ci/a.yml": "a:\n  script: [a]\n  script: [b]\n",
    });
    expect(diagnostics).toEqual([
      {
        code: "import/duplicate-key",
        severity: "warning",
        message: 'key "script" is repeated; the last one wins, as in GitLab',
        line: 3,
        column: 3,
        file: "ci/a.yml",
      },
    ]);
  });
});
