// What `pipecraft run --source local` uploads: the files of the git working tree that git tracks
// or would track (what .gitignore ignores is left out), as they are on disk now.
import { lstat } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../user-error.js";
import { type GitEnvironment, gitIn } from "./git-variables.js";

/** The working tree's root and its files (relative paths), tracked or untracked but not ignored. */
export type WorkingTree = { readonly directory: string; readonly files: readonly string[] };

/**
 * Reads the working tree around `start`; outside a git repository a UsageError says what to do.
 * @example await readWorkingTree(process.cwd(), process.env)
 */
export async function readWorkingTree(start: string, env: GitEnvironment): Promise<WorkingTree> {
  const git = gitIn(env);
  const root = await git(start, ["rev-parse", "--show-toplevel"]);
  if (root === undefined) {
    throw new UsageError(
      `--source local uploads the files git tracks or would track, and ${start} is not in a git working tree; run \`git init\` there, or leave out --source`,
      "run",
    );
  }
  const listed = (
    (await git(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"])) ?? ""
  )
    .split("\0")
    .filter((name) => name !== "");
  // Tracked files deleted since the last commit are listed too: only what is on disk goes.
  const present = await Promise.all(
    listed.map(async (name) =>
      (await lstat(join(root, name)).catch(() => undefined)) ? name : undefined,
    ),
  );
  return { directory: root, files: [...new Set(present.filter((n) => n !== undefined))].sort() };
}
