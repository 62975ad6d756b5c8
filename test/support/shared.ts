// `../shared`, the folder beside the repository root: GitLab's CI schema and a corpus of GitLab's
// own templates, checked against but never copied into the project. CI always has it; a user's
// clone does not, so a test that reads it asks `sharedMissingReason` first and skips, saying why.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** Absolute path of the repository root (the folder holding pnpm-workspace.yaml). */
export const repoRoot: string = resolve(import.meta.dirname, "../..");

/** Absolute path of `../shared`. */
export const sharedDir: string = resolve(repoRoot, "../shared");

/** GitLab's published CI JSON schema. */
export const gitlabSchemaPath: string = join(sharedDir, "schemas", "gitlab-ci.json");

/** GitLab's own CI templates, a folder tree of `.gitlab-ci.yml` files. */
export const gitlabTemplatesDir: string = join(sharedDir, "corpus", "gitlab-templates");

/** Why a test that needs `path` from `../shared` must be skipped, or undefined when it is present. */
export function sharedMissingReason(path: string): string | undefined {
  return existsSync(path)
    ? undefined
    : `skipped: ${path} is absent (../shared is only present in CI and the shared checkout)`;
}

/** GitLab's CI schema, parsed; the caller types the parts it reads. Only when it is present. */
export function readGitlabSchema(): unknown {
  return JSON.parse(readFileSync(gitlabSchemaPath, "utf8"));
}

/**
 * Every `.yml`/`.yaml` file under `dir`, sorted by name level by level, so that test names come
 * in the same order on every machine. Only when `dir` is present.
 */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFilesUnder(path);
      return path.endsWith(".yml") || path.endsWith(".yaml") ? [path] : [];
    });
}
