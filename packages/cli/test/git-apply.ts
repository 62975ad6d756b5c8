import { spawnSync } from "node:child_process";
import { dirname } from "node:path";
import { expect } from "vitest";

/**
 * Applies a diff with `git apply` in `directory`, as a user would (`pipecraft synth --check |
 * git apply`). The ceiling keeps git from treating the fixture as part of this repository.
 */
export function gitApply(directory: string, diff: string): void {
  const applied = spawnSync("git", ["apply"], {
    cwd: directory,
    input: diff,
    encoding: "utf8",
    env: { ...process.env, GIT_CEILING_DIRECTORIES: dirname(directory) },
  });
  expect(applied.stderr).toBe("");
  expect(applied.status).toBe(0);
}
