import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../support/shared.js";

const fixturesDir = join(repoRoot, "test", "invalid-inputs", "fixtures");

/** The text of a fixture's `pipeline.ts`. */
export function readFixture(name: string): Promise<string> {
  return readFile(join(fixturesDir, name, "pipeline.ts"), "utf8");
}

/**
 * A throw-away project as a user has it: an ES-module package whose `node_modules/pipecraft`
 * is this repository's CLI package, and the given `pipeline.ts`.
 */
export async function createUserProject(pipelineSource: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pipecraft-invalid-"));
  await writeFile(join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
  await mkdir(join(dir, "node_modules"));
  await symlink(join(repoRoot, "packages", "cli"), join(dir, "node_modules", "pipecraft"), "dir");
  await writeFile(join(dir, "pipeline.ts"), pipelineSource);
  return dir;
}

/** Removes a project made by {@link createUserProject}. */
export async function removeUserProject(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
