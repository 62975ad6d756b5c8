// GitLab's predefined variables for a local run, and the file lists of `rules:exists` and
// `rules:changes`, read from the git repository the command runs in. Only the CLI reads git:
// targets get the result, never the repository.
import { basename } from "node:path";

/** What the repository says about the pipeline a local run stands for. */
export type GitPipeline = {
  /** CI_COMMIT_SHA, CI_COMMIT_SHORT_SHA, CI_COMMIT_BRANCH or CI_COMMIT_TAG, CI_COMMIT_REF_NAME, CI_REPOSITORY_URL … */
  readonly predefined: Readonly<Record<string, string>>;
  /** Every file of HEAD (`git ls-files`), for `rules:exists`. */
  readonly files: readonly string[];
  /**
   * The files HEAD changes against its first parent; undefined (no diff: `changes` holds) for a
   * root commit and for a tag pipeline, as on GitLab.
   */
  readonly changedFiles: readonly string[] | undefined;
  /** The repository root. */
  readonly root: string;
};

/** The repository could not be read: one line saying why, for a warning. */
export type NoGitPipeline = { readonly reason: string };

/**
 * Reads the predefined variables of a push pipeline for the commit checked out in `directory`.
 * HEAD on a branch is a branch pipeline, even when a tag points at the commit; a detached HEAD
 * exactly at a tag is a tag pipeline; any other detached HEAD has neither CI_COMMIT_BRANCH nor
 * CI_COMMIT_TAG, and its ref name is the commit SHA.
 * @example await readGitPipeline(process.cwd())
 */
export async function readGitPipeline(
  start: string,
  env: GitEnvironment,
): Promise<GitPipeline | NoGitPipeline> {
  const git = gitIn(env);
  const root = await git(start, ["rev-parse", "--show-toplevel"]);
  if (root === undefined) return { reason: `${start} is not in a git repository` };
  // Paths are relative to the repository root, as GitLab's are, wherever the pipeline file is.
  const directory = root;
  const sha = await git(directory, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  if (sha === undefined) return { reason: `the git repository ${root} has no commits yet` };
  const branch = await git(directory, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  const tag =
    branch === undefined
      ? await git(directory, ["describe", "--tags", "--exact-match", "HEAD"])
      : undefined;
  const refName = branch ?? tag ?? sha;
  const predefined: Record<string, string> = {
    CI_COMMIT_SHA: sha,
    CI_COMMIT_SHORT_SHA: sha.slice(0, 8),
    ...(branch === undefined ? {} : { CI_COMMIT_BRANCH: branch }),
    ...(tag === undefined ? {} : { CI_COMMIT_TAG: tag }),
    CI_COMMIT_REF_NAME: refName,
    CI_COMMIT_REF_SLUG: refSlug(refName),
    CI_DEFAULT_BRANCH: await defaultBranch(git, directory),
    CI_PROJECT_NAME: basename(root),
  };
  // The remote `origin`, which `run --source git` fetches from (its password is never sent).
  const remote = await git(directory, ["remote", "get-url", "origin"]);
  if (remote !== undefined && remote !== "") predefined.CI_REPOSITORY_URL = remote;
  const files = splitNul(await git(directory, ["ls-files", "-z"]));
  const parent =
    tag === undefined
      ? await git(directory, ["rev-parse", "--verify", "--quiet", "HEAD^1"])
      : undefined;
  const changedFiles =
    parent === undefined ? undefined : await diffNames(git, directory, parent, "HEAD");
  return { predefined, files, changedFiles, root };
}

/**
 * The files changed between each of `refs` (as `rules:changes:compare_to` names them, expanded)
 * and HEAD, keyed by the ref as given. A ref git does not know is left out, so that rules treat
 * its `changes` as unknown (true), with a warning.
 */
export async function changedFilesSince(
  directory: string,
  refs: Iterable<string>,
  env: GitEnvironment,
): Promise<Record<string, string[]>> {
  const git = gitIn(env);
  const result: Record<string, string[]> = {};
  for (const ref of new Set(refs)) {
    if (ref === "" || ref.startsWith("-")) continue;
    const commit = await git(directory, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    if (commit === undefined) continue;
    const names = await diffNames(git, directory, commit, "HEAD");
    if (names !== undefined) result[ref] = names;
  }
  return result;
}

/**
 * GitLab's CI_COMMIT_REF_SLUG: lower case, every character other than a-z and 0-9 replaced by
 * `-`, cut to 63 characters, then no leading or trailing `-`.
 * @example refSlug("Feature/ABC_1.2") // "feature-abc-1-2"
 */
export function refSlug(refName: string): string {
  return [...refName.toLowerCase().replace(/[^a-z0-9]/gu, "-")]
    .slice(0, 63)
    .join("")
    .replace(/^-+|-+$/g, "");
}

// origin/HEAD names the remote's default branch (set by clone); without it, a local main or
// master, else main, GitLab's default for new projects.
async function defaultBranch(git: Git, directory: string): Promise<string> {
  const remote = await git(directory, [
    "symbolic-ref",
    "--quiet",
    "--short",
    "refs/remotes/origin/HEAD",
  ]);
  if (remote?.startsWith("origin/")) return remote.slice("origin/".length);
  for (const candidate of ["main", "master"]) {
    const found = await git(directory, [
      "rev-parse",
      "--verify",
      "--quiet",
      `refs/heads/${candidate}`,
    ]);
    if (found !== undefined) return candidate;
  }
  return "main";
}

async function diffNames(
  git: Git,
  directory: string,
  from: string,
  to: string,
): Promise<string[] | undefined> {
  const output = await git(directory, ["diff", "--name-only", "--no-renames", "-z", from, to]);
  return output === undefined ? undefined : splitNul(output);
}

function splitNul(output: string | undefined): string[] {
  return (output ?? "").split("\0").filter((name) => name !== "");
}

/** The environment git runs in: the CLI's (PATH, HOME, GIT_CEILING_DIRECTORIES …). */
export type GitEnvironment = Readonly<Record<string, string | undefined>>;

export type Git = (directory: string, args: readonly string[]) => Promise<string | undefined>;

// One git command: its stdout without the final newline, or undefined when it fails (also when
// git is not installed). No pager; file names unquoted.
/** Runs git in a directory with the CLI's environment: its stdout, or undefined when it fails. */
export function gitIn(env: GitEnvironment): Git {
  return async (directory, args) => {
    // Loaded here, not at start-up: a synth that asks nothing of git does not pay for it.
    const { execFile } = await import("node:child_process");
    return new Promise((resolve) => {
      execFile(
        "git",
        ["-c", "core.quotePath=false", "--no-pager", ...args],
        { cwd: directory, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
        (error, stdout) => resolve(error === null ? stdout.replace(/\n$/, "") : undefined),
      );
    });
  };
}
