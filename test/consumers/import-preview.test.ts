// `pipecraft import` checked against gitlab-ci-local 4.73.0: for every file of GitLab's own
// templates (`../shared`) and every example's committed `.gitlab-ci.yml`, `--preview` of the
// original equals `--preview` of synth(import(x)), both read as YAML (same data). A file gitlab-ci-local cannot
// preview offline is listed below with the reason and what gitlab-ci-local says; a new such file,
// or a listed one that starts to run, fails the test, so the list stays exact.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "js-yaml";
import { synthGitlab, validatePipeline } from "pipecraft";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPipelineDefinition } from "../../packages/core/src/index.js";
import { importGitlabYaml } from "../../packages/import/src/index.js";
import {
  gitlabTemplatesDir,
  repoRoot,
  sharedMissingReason,
  yamlFilesUnder,
} from "../support/shared.js";
import { createCiRepository, removeCiRepository, runGitlabCiLocal } from "./gitlab-ci-local.js";

const missing = sharedMissingReason(gitlabTemplatesDir);
if (missing !== undefined) console.warn(`import preview on GitLab's templates ${missing}`);
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

/** Every input, named `templates/…` or `examples/…`. */
const inputs: [string, string][] = [
  ...templates.map((file): [string, string] => [
    `templates/${relative(gitlabTemplatesDir, file)}`,
    file,
  ]),
  ...examples.map((file): [string, string] => [relative(repoRoot, file), file]),
];

const remote = "it includes a template, which gitlab-ci-local fetches from gitlab.com";
const fetchFails = "Remote include could not be fetched";
const undeclaredStage =
  "a fragment: its jobs use a stage that only the including pipeline declares";
const removedKeyword = "GitLab removed a keyword it uses (gitlab-ci-local's schema refuses it)";

/**
 * The files gitlab-ci-local cannot preview offline: why, and what it says. The undeclared-stage
 * and removed-keyword files are also refused by pipecraft's validation, so there is no synth to
 * compare (packages/import/test/acceptance.test.ts checks their data).
 */
const cannotPreviewOffline: Record<string, { reason: string; says: string }> = {
  "templates/5-Minute-Production-App.gitlab-ci.yml": { reason: remote, says: fetchFails },
  "templates/AWS/Deploy-ECS.gitlab-ci.yml": { reason: remote, says: fetchFails },
  "templates/Beta/Auto-DevOps.gitlab-ci.yml": { reason: remote, says: fetchFails },
  "templates/Code-Quality.gitlab-ci.yml": {
    reason: "`tags: []`, which gitlab-ci-local's schema refuses (at least one tag)",
    says: "property 'tags' must not have fewer than 1 items at code_quality.tags",
  },
  "templates/Cosign.gitlab-ci.yml": { reason: remote, says: fetchFails },
  "templates/Jobs/Browser-Performance-Testing.gitlab-ci.yml": {
    reason: undeclaredStage,
    says: "stage:performance not found for browser_performance",
  },
  "templates/Jobs/DAST.gitlab-ci.yml": {
    reason: undeclaredStage,
    says: "stage:dast not found for dast",
  },
  "templates/Jobs/Deploy.gitlab-ci.yml": {
    reason: undeclaredStage,
    says: "stage:review not found for review",
  },
  "templates/Jobs/Helm-2to3.gitlab-ci.yml": {
    reason: undeclaredStage,
    says: "stage:cleanup not found for review:helm-2to3:cleanup",
  },
  "templates/Managed-Cluster-Applications.gitlab-ci.yml": {
    reason: removedKeyword,
    says: "'cluster_applications' property is not expected to be here at apply.artifacts.reports",
  },
  "templates/Ruby.gitlab-ci.yml": {
    reason: removedKeyword,
    says: "'type' property is not expected to be here at deploy",
  },
  "templates/Security/API-Security.gitlab-ci.yml": {
    reason: undeclaredStage,
    says: "stage:dast not found for api_security",
  },
  "templates/Security/BAS.latest.gitlab-ci.yml": { reason: remote, says: fetchFails },
  "templates/Security/DAST-API.gitlab-ci.yml": {
    reason: undeclaredStage,
    says: "stage:dast not found for dast_api",
  },
  "templates/Security/DAST.latest.gitlab-ci.yml": {
    reason: undeclaredStage,
    says: "stage:dast not found for dast",
  },
  "templates/Security/SAST-IaC.gitlab-ci.yml": { reason: remote, says: fetchFails },
  "templates/Terraform.gitlab-ci.yml": { reason: remote, says: fetchFails },
};

/** What one `--preview` gave: the configuration, or what gitlab-ci-local said when it failed. */
type Preview = { ok: true; config: unknown } | { ok: false; said: string };

async function preview(yaml: string): Promise<Preview> {
  const repo = await createCiRepository({ ".gitlab-ci.yml": yaml });
  try {
    const result = await runGitlabCiLocal(repo, ["--preview"]);
    if (result.exitCode !== 0) return { ok: false, said: `${result.stdout}\n${result.stderr}` };
    return { ok: true, config: load(result.stdout) };
  } finally {
    await removeCiRepository(repo);
  }
}

// Under the repository (gitignored), so that `pipecraft` resolves through a node_modules link.
const outRoot = join(repoRoot, ".tmp/import-preview");
const outPath = (name: string) =>
  join(outRoot, name.replace(/\.ya?ml$/, "").replace(/[^A-Za-z0-9-]+/g, "_"), "pipeline.ts");

/** synth(import(x)): the imported pipeline.ts, loaded, validated and synthesized. */
async function synthOfImport(name: string, yaml: string): Promise<string> {
  const { files, diagnostics } = importGitlabYaml(yaml);
  if (files.length === 0) throw new Error(`${name}: import failed: ${JSON.stringify(diagnostics)}`);
  mkdirSync(join(outPath(name), ".."), { recursive: true });
  writeFileSync(outPath(name), files[0]!.text);
  const module = (await import(pathToFileURL(outPath(name)).href)) as { default: unknown };
  if (!isPipelineDefinition(module.default)) throw new Error(`${name}: not a pipeline() value`);
  const validated = validatePipeline(module.default);
  const errors = validated.diagnostics.filter((d) => d.severity === "error");
  if (validated.pipeline === undefined || errors.length > 0) {
    throw new Error(`${name}: imported pipeline refused: ${JSON.stringify(errors)}`);
  }
  return synthGitlab(validated.pipeline).output ?? "";
}

/** Both previews of each input, by name. */
const results = new Map<string, { original: Preview; imported?: Preview }>();

// gitlab-ci-local costs about a second of CPU per file: two at a time, on a shared machine.
const CONCURRENCY = 2;

beforeAll(async () => {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(join(outRoot, "node_modules"), { recursive: true });
  symlinkSync(join(repoRoot, "packages/cli"), join(outRoot, "node_modules/pipecraft"), "dir");
  writeFileSync(join(outRoot, "package.json"), '{ "type": "module" }\n');
  const queue = [...inputs];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [name, file] = next;
      const yaml = readFileSync(file, "utf8");
      const original = await preview(yaml);
      if (!original.ok) {
        results.set(name, { original });
        continue;
      }
      results.set(name, { original, imported: await preview(await synthOfImport(name, yaml)) });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}, 1_800_000);

afterAll(() => {
  rmSync(outRoot, { recursive: true, force: true });
});

describe("gitlab-ci-local --preview of synth(import(x)) equals that of x", () => {
  it.each(inputs)("%s", (name) => {
    const { original, imported } = results.get(name)!;
    const expected = cannotPreviewOffline[name];
    if (expected !== undefined) {
      expect(original.ok ? "previewed offline" : original.said).toContain(expected.says);
      return;
    }
    if (!original.ok) throw new Error(`gitlab-ci-local cannot preview it: ${original.said}`);
    if (imported === undefined || !imported.ok) {
      throw new Error(`gitlab-ci-local cannot preview the import: ${JSON.stringify(imported)}`);
    }
    // Data-equal; not always the same text: synth writes a job's keys in pipecraft's order
    // (stage, image, … script), which gitlab-ci-local's preview keeps.
    expect(imported.config).toEqual(original.config);
  });

  it("lists only files that exist", () => {
    const names = new Set(inputs.map(([name]) => name));
    const stale = Object.keys(cannotPreviewOffline).filter((name) => !names.has(name));
    expect(missing === undefined ? stale : []).toEqual([]);
  });
});
