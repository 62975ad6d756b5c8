import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository root (the folder holding pnpm-workspace.yaml). */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Absolute path of `../shared`, the third-party reference data beside the repository. */
export const sharedDir: string = resolve(repoRoot, "../shared");

/** GitLab's published CI schema inside `../shared`. */
export const gitlabSchemaPath: string = join(sharedDir, "schemas", "gitlab-ci.json");

/** Why a test that needs `path` from `../shared` must be skipped, or undefined when it is present. */
export function sharedMissingReason(path: string): string | undefined {
  return existsSync(path)
    ? undefined
    : `skipped: ${path} is absent (../shared is only present in CI and the shared checkout)`;
}
