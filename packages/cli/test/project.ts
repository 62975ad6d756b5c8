// Test fixtures for the CLI: throwaway project directories holding a user's pipeline file.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import type { CliIo } from "../src/cli-io.js";
import { main } from "../src/main.js";

export const repoRoot = resolve(fileURLToPath(import.meta.url), "../../../..");
const cliPackage = join(repoRoot, "packages/cli");

// Under the repository (gitignored) rather than the system temp directory: the fixtures live in
// the monorepo's "type": "module" scope, and `pipecraft` resolves through the node_modules link
// created below, as it would in a user's project. Not under packages/: there a fixture would
// sit inside pipecraft's own package (its package.json, its frames left out of error locations).
const tmpRoot = join(repoRoot, ".tmp/cli-test");

/** A valid two-job pipeline, as a user would write it. */
export const validPipeline = `import { pipeline } from "pipecraft";

export default pipeline({
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", script: ["make"] },
    test: { stage: "test", needs: ["build"], script: ["make test"] },
  },
});
`;

/**
 * Creates a fresh project directory with the given files (paths relative to it) and returns its
 * path. The user's `import ... from "pipecraft"` runs the built package, so it must be built.
 */
export async function makeProject(files: Record<string, string>): Promise<string> {
  const importsPipecraft = Object.values(files).some((text) => text.includes('"pipecraft"'));
  if (importsPipecraft && !existsSync(join(cliPackage, "dist/index.js"))) {
    throw new Error("packages/cli/dist is missing: run `pnpm build` before the CLI tests");
  }
  await mkdir(join(tmpRoot, "node_modules"), { recursive: true });
  await symlink(cliPackage, join(tmpRoot, "node_modules/pipecraft"), "dir").catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") {
        throw error;
      }
    },
  );
  const directory = await mkdtemp(join(tmpRoot, "project-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(directory, name)), { recursive: true });
    await writeFile(join(directory, name), text);
  }
  return directory;
}

/** Removes a project made by makeProject. */
export async function removeProject(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
}

/** The files in a directory, sorted, for "nothing else was written" assertions. */
export async function listFiles(directory: string): Promise<string[]> {
  return (await readdir(directory, { recursive: true })).map(String).sort();
}

/** What one in-process run of `main` printed and returned. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pipecraft <args>` in-process, in `cwd`, capturing its output. */
export async function run(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<RunResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    cwd,
    env,
    stdout: { write: (chunk: string) => stdout.push(chunk) },
    stderr: { write: (chunk: string) => stderr.push(chunk) },
  };
  const code = await main(args, io);
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

/**
 * A `project(files)` function for one test file: each call makes a project directory, and every
 * directory made is removed after each test.
 */
export function useProjects(): (files: Record<string, string>) => Promise<string> {
  const projects: string[] = [];
  afterEach(async () => {
    await Promise.all(projects.splice(0).map(removeProject));
  });
  return async (files) => {
    const directory = await makeProject(files);
    projects.push(directory);
    return directory;
  };
}
