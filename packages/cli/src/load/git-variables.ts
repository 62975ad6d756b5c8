// A minimal set of GitLab's predefined variables for a local run, read from the git repository
// the pipeline file lives in (the CLI reads, never a target). A directory that is not a git
// repository, or git missing, gives none of them.
import { execFile } from "node:child_process";
import { basename } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * CI_COMMIT_SHA, CI_COMMIT_SHORT_SHA, CI_COMMIT_BRANCH (or CI_COMMIT_TAG on a detached tag),
 * CI_COMMIT_REF_NAME, CI_COMMIT_REF_SLUG and CI_PROJECT_NAME of the repository at `directory`.
 */
export async function gitVariables(directory: string): Promise<Record<string, string>> {
  const git = async (...args: string[]) =>
    (await run("git", ["-C", directory, ...args], { timeout: 5_000 })).stdout.trim();
  try {
    const sha = await git("rev-parse", "HEAD");
    const top = await git("rev-parse", "--show-toplevel");
    const branch = await git("rev-parse", "--abbrev-ref", "HEAD");
    const tag = branch === "HEAD" ? await git("tag", "--points-at", "HEAD").catch(() => "") : "";
    const ref = branch !== "HEAD" ? branch : (tag.split("\n")[0] ?? "");
    return {
      CI_COMMIT_SHA: sha,
      CI_COMMIT_SHORT_SHA: sha.slice(0, 8),
      ...(branch !== "HEAD" ? { CI_COMMIT_BRANCH: branch } : {}),
      ...(branch === "HEAD" && ref !== "" ? { CI_COMMIT_TAG: ref } : {}),
      ...(ref === "" ? {} : { CI_COMMIT_REF_NAME: ref, CI_COMMIT_REF_SLUG: refSlug(ref) }),
      CI_PROJECT_NAME: basename(top),
    };
  } catch {
    return {};
  }
}

/** GitLab's CI_COMMIT_REF_SLUG: lower case, other characters `-`, at most 63, no `-` at the ends. */
function refSlug(ref: string): string {
  return ref
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "-")
    .slice(0, 63)
    .replace(/^-+|-+$/g, "");
}
