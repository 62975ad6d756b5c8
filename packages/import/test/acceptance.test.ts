// Acceptance of `pipecraft import` on real files: GitLab's own templates (`../shared`) and every
// example's committed `.gitlab-ci.yml`. For each, the generated pipeline.ts
// - holds exactly the data of the YAML read as GitLab reads it (YAML 1.1, anchors and merge
//   keys resolved): `pipeline()`'s input equals `parseGitlabYaml(x)`;
// - synthesizes back to that data wherever pipecraft's validation lets the file through;
// and all generated files together type-check with `tsc --strict` (one program) and pass
// `biome check` (one run), as formatted as biome leaves them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import {
  hasErrors,
  isPipelineDefinition,
  pipeline as pipelineOf,
  validatePipeline,
} from "@pipecraft/core";
import { parseGitlabYaml, synthGitlab } from "@pipecraft/gitlab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  gitlabTemplatesDir,
  repoRoot,
  sharedMissingReason,
  yamlFilesUnder,
} from "../../../test/support/shared.js";
import { importGitlabYaml } from "../src/index.js";

const missing = sharedMissingReason(gitlabTemplatesDir);
if (missing !== undefined) console.warn(`import acceptance on GitLab's templates ${missing}`);
const templates = missing === undefined ? yamlFilesUnder(gitlabTemplatesDir) : [];
const examples = [
  "build-and-deploy",
  "dynamic-child",
  "image-build",
  "monorepo",
  "node-app",
  "test-matrix",
]
  .map((name) => join(repoRoot, "examples", name, ".gitlab-ci.yml"))
  .filter((file) => existsSync(file));

/** Every input, named for the test list: `templates/…` or `examples/…`. */
const inputs: [string, string][] = [
  ...templates.map((file): [string, string] => [
    `templates/${relative(gitlabTemplatesDir, file)}`,
    file,
  ]),
  ...examples.map((file): [string, string] => [relative(repoRoot, file), file]),
];

/**
 * Files whose synthesized output cannot be compared: pipecraft's validation refuses them (GitLab
 * does too when they run alone; see packages/gitlab/test/corpus-validation.test.ts). Their
 * pipeline.ts still holds the same data and type-checks.
 */
const refusedByValidation = new Set([
  "templates/Jobs/Browser-Performance-Testing.gitlab-ci.yml",
  "templates/Jobs/DAST.gitlab-ci.yml",
  "templates/Jobs/Deploy.gitlab-ci.yml",
  "templates/Jobs/Helm-2to3.gitlab-ci.yml",
  "templates/Security/API-Security.gitlab-ci.yml",
  "templates/Security/DAST-API.gitlab-ci.yml",
  "templates/Security/DAST.latest.gitlab-ci.yml",
  "templates/Managed-Cluster-Applications.gitlab-ci.yml",
  "templates/Ruby.gitlab-ci.yml",
]);

/** The inputs whose output is synthesized and type-checked (every one but the refused). */
const checked = inputs.filter(([name]) => !refusedByValidation.has(name));

// Under the repository (gitignored), so that `pipecraft` resolves through a node_modules link.
const outRoot = join(repoRoot, ".tmp/import-acceptance");
// Folder names must not end in `.yml`: biome ignores YAML paths, folders included.
const outPath = (name: string) =>
  join(outRoot, name.replace(/\.ya?ml$/, "").replace(/[^A-Za-z0-9-]+/g, "_"), "pipeline.ts");

beforeAll(() => {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(join(outRoot, "node_modules"), { recursive: true });
  symlinkSync(join(repoRoot, "packages/cli"), join(outRoot, "node_modules/pipecraft"), "dir");
  writeFileSync(join(outRoot, "package.json"), '{ "type": "module" }\n');
  // The import lays out for biome's default line width (80); the repository's own is 100.
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
      // GitLab refuses the refused files on their own too (undeclared stages, removed keywords):
      // their pipeline.ts shows the same problems as type errors.
      files: checked.flatMap(([name]) => [outPath(name), outPath(`functions/${name}`)]),
    }),
  );
  for (const [name, file] of inputs) {
    const { files, diagnostics } = importGitlabYaml(readFileSync(file, "utf8"));
    if (files.length === 0) throw new Error(`${name}: ${JSON.stringify(diagnostics)}`);
    mkdirSync(join(outPath(name), ".."), { recursive: true });
    writeFileSync(outPath(name), files[0]!.text);
  }
  for (const [name, file] of checked) {
    const { files } = importGitlabYaml(readFileSync(file, "utf8"), { style: "functions" });
    const path = outPath(`functions/${name}`);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, files[0]!.text);
  }
});
afterAll(() => {
  if (process.env.KEEP_IMPORT_OUTPUT === undefined)
    rmSync(outRoot, { recursive: true, force: true });
});

describe("import → pipeline.ts holds the YAML's data", () => {
  it.each(inputs)("%s", async (name, file) => {
    const expected = parseGitlabYaml(readFileSync(file, "utf8"));
    const module = (await import(pathToFileURL(outPath(name)).href)) as { default: unknown };
    const definition = module.default;
    if (!isPipelineDefinition(definition)) throw new Error("not a pipeline() value");
    expect(definition.input).toEqual(expected);
    const { pipeline, diagnostics } = validatePipeline(definition);
    if (refusedByValidation.has(name)) {
      expect(hasErrors(diagnostics)).toBe(true);
      return;
    }
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const yaml = synthGitlab(pipeline!).output ?? "";
    expect(parseGitlabYaml(yaml)).toEqual(expected);
  });
});

// `--style functions`: `extends` onto the file's templates becomes `extend()`, merged when the
// pipeline is defined; the synthesized pipeline is what GitLab makes of the YAML (templates
// expanded), so it is compared with pipecraft's expansion of the YAML.
describe("import --style functions → the same pipeline, templates expanded", () => {
  it.each(checked)("%s", async (name, file) => {
    const yaml = readFileSync(file, "utf8");
    const path = outPath(`functions/${name}`);
    const module = (await import(pathToFileURL(path).href)) as { default: unknown };
    if (!isPipelineDefinition(module.default)) throw new Error("not a pipeline() value");
    const imported = validatePipeline(module.default);
    expect(imported.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const expected = validatePipeline(pipelineOf(parseGitlabYaml(yaml)));
    expect(parseGitlabYaml(synthGitlab(imported.pipeline!).output ?? "")).toEqual(
      parseGitlabYaml(synthGitlab(expected.pipeline!).output ?? ""),
    );
  });
});

describe("the generated files", () => {
  it("type-check with tsc --strict, all in one program (all but the refused files)", () => {
    const tsc = spawnSync(
      process.execPath,
      [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", outRoot],
      {
        encoding: "utf8",
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
    // One program of every imported corpus file: most of a minute on a busy shared machine.
  }, 300_000);

  it("pass biome check, formatted", () => {
    const biome = spawnSync(
      join(repoRoot, "node_modules/.bin/biome"),
      [
        "check",
        "--max-diagnostics=50",
        ...inputs.map(([name]) => outPath(name)),
        ...checked.map(([name]) => outPath(`functions/${name}`)),
      ],
      { encoding: "utf8", cwd: repoRoot },
    );
    expect(biome.stdout + biome.stderr).toContain("No fixes applied");
    expect(biome.status).toBe(0);
  });
});
