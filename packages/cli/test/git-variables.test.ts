// The predefined variables of a local run, read from a real git repository in a temp directory
// (outside pipecraft's own repository): branch, tag and detached pipelines, the default branch,
// the file lists of rules:exists and rules:changes, and no repository at all.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { changedFilesSince, readGitPipeline, refSlug } from "../src/load/git-variables.js";

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** git, with no user or system configuration, in an environment the reader gets too. */
async function scratch(): Promise<{ dir: string; env: Record<string, string> }> {
  const parent = await mkdtemp(join(tmpdir(), "pipecraft-git-"));
  made.push(parent);
  const dir = join(parent, "My Shop");
  await mkdir(dir);
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: parent,
    GIT_CONFIG_NOSYSTEM: "1",
    // Stops git from finding a repository above the temp directory.
    GIT_CEILING_DIRECTORIES: parent,
  };
  return { dir, env };
}

function git(dir: string, env: Record<string, string>, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args],
    { cwd: dir, env, encoding: "utf8" },
  ).trim();
}

async function commit(
  dir: string,
  env: Record<string, string>,
  files: Record<string, string>,
): Promise<string> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  git(dir, env, "add", "-A");
  git(dir, env, "commit", "-q", "-m", "change");
  return git(dir, env, "rev-parse", "HEAD");
}

/** A repository on `main` with two commits; the second changes `src/app.ts` and adds a file. */
async function twoCommits(): Promise<{ dir: string; env: Record<string, string>; sha: string }> {
  const { dir, env } = await scratch();
  git(dir, env, "init", "-q", "-b", "main");
  await commit(dir, env, { "README.md": "x", "src/app.ts": "1" });
  const sha = await commit(dir, env, { "src/app.ts": "2", "docs/a b.md": "é" });
  return { dir, env, sha };
}

describe("readGitPipeline", () => {
  it("reads a branch pipeline: commit, branch, ref, slug, default branch, project, files", async () => {
    const { dir, env, sha } = await twoCommits();
    const read = await readGitPipeline(dir, env);
    expect(read).toEqual({
      predefined: {
        CI_COMMIT_SHA: sha,
        CI_COMMIT_SHORT_SHA: sha.slice(0, 8),
        CI_COMMIT_BRANCH: "main",
        CI_COMMIT_REF_NAME: "main",
        CI_COMMIT_REF_SLUG: "main",
        CI_DEFAULT_BRANCH: "main",
        CI_PROJECT_NAME: "My Shop",
      },
      files: ["README.md", "docs/a b.md", "src/app.ts"],
      changedFiles: ["docs/a b.md", "src/app.ts"],
      root: dir,
    });
  });

  it("reads from a subdirectory of the repository", async () => {
    const { dir, env } = await twoCommits();
    const read = await readGitPipeline(join(dir, "src"), env);
    expect("predefined" in read && read.predefined.CI_PROJECT_NAME).toBe(basename(dir));
    expect("files" in read && read.files).toContain("README.md");
  });

  it("a checked-out branch is a branch pipeline even with a tag on the commit", async () => {
    const { dir, env } = await twoCommits();
    git(dir, env, "checkout", "-q", "-b", "Feature/ABC_1.2");
    git(dir, env, "tag", "v1.0.0");
    const read = await readGitPipeline(dir, env);
    expect("predefined" in read && read.predefined).toMatchObject({
      CI_COMMIT_BRANCH: "Feature/ABC_1.2",
      CI_COMMIT_REF_NAME: "Feature/ABC_1.2",
      CI_COMMIT_REF_SLUG: "feature-abc-1-2",
      CI_DEFAULT_BRANCH: "main",
    });
    expect("predefined" in read && read.predefined.CI_COMMIT_TAG).toBeUndefined();
  });

  it("a detached HEAD at a tag is a tag pipeline, with no diff (changes hold)", async () => {
    const { dir, env, sha } = await twoCommits();
    git(dir, env, "tag", "-a", "-m", "release", "V1.2.0");
    git(dir, env, "checkout", "-q", "--detach", "V1.2.0");
    const read = await readGitPipeline(dir, env);
    if ("reason" in read) throw new Error(read.reason);
    expect(read.predefined).toEqual({
      CI_COMMIT_SHA: sha,
      CI_COMMIT_SHORT_SHA: sha.slice(0, 8),
      CI_COMMIT_TAG: "V1.2.0",
      CI_COMMIT_REF_NAME: "V1.2.0",
      CI_COMMIT_REF_SLUG: "v1-2-0",
      CI_DEFAULT_BRANCH: "main",
      CI_PROJECT_NAME: "My Shop",
    });
    expect(read.changedFiles).toBeUndefined();
  });

  it("CI_REPOSITORY_URL is the remote origin's URL (run --source git fetches it)", async () => {
    const { dir, env } = await twoCommits();
    git(dir, env, "remote", "add", "origin", "https://gitlab.example/shop/app.git");
    const read = await readGitPipeline(dir, env);
    expect("predefined" in read && read.predefined.CI_REPOSITORY_URL).toBe(
      "https://gitlab.example/shop/app.git",
    );
  });

  it("a detached HEAD at no tag has neither branch nor tag; its ref name is the SHA", async () => {
    const { dir, env, sha } = await twoCommits();
    git(dir, env, "checkout", "-q", "--detach", "HEAD");
    const read = await readGitPipeline(dir, env);
    if ("reason" in read) throw new Error(read.reason);
    expect(read.predefined.CI_COMMIT_BRANCH).toBeUndefined();
    expect(read.predefined.CI_COMMIT_TAG).toBeUndefined();
    expect(read.predefined.CI_COMMIT_REF_NAME).toBe(sha);
    expect(read.predefined.CI_COMMIT_REF_SLUG).toBe(sha);
    expect(read.changedFiles).toEqual(["docs/a b.md", "src/app.ts"]);
  });

  it("takes the default branch from origin/HEAD, else main, else master, else main", async () => {
    const { dir, env } = await scratch();
    git(dir, env, "init", "-q", "-b", "trunk");
    await commit(dir, env, { a: "1" });
    const defaultBranch = async () => {
      const read = await readGitPipeline(dir, env);
      return "predefined" in read ? read.predefined.CI_DEFAULT_BRANCH : read.reason;
    };
    expect(await defaultBranch()).toBe("main");
    git(dir, env, "branch", "master");
    expect(await defaultBranch()).toBe("master");
    git(dir, env, "branch", "main");
    expect(await defaultBranch()).toBe("main");
    git(dir, env, "update-ref", "refs/remotes/origin/develop", "HEAD");
    git(dir, env, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/develop");
    expect(await defaultBranch()).toBe("develop");
  });

  it("a root commit has no diff: changedFiles is undefined, so changes hold", async () => {
    const { dir, env } = await scratch();
    git(dir, env, "init", "-q", "-b", "main");
    await commit(dir, env, { a: "1" });
    const read = await readGitPipeline(dir, env);
    expect("changedFiles" in read && read.changedFiles).toBeUndefined();
  });

  it("says why outside a repository and in one without commits", async () => {
    const { dir, env } = await scratch();
    expect(await readGitPipeline(dir, env)).toEqual({
      reason: `${dir} is not in a git repository`,
    });
    git(dir, env, "init", "-q", "-b", "main");
    expect(await readGitPipeline(dir, env)).toEqual({
      reason: `the git repository ${dir} has no commits yet`,
    });
  });
});

describe("changedFilesSince", () => {
  it("diffs HEAD against each ref git knows, keyed as given; unknown refs are left out", async () => {
    const { dir, env } = await twoCommits();
    git(dir, env, "checkout", "-q", "-b", "feature");
    await commit(dir, env, { "src/new.ts": "n" });
    expect(
      await changedFilesSince(dir, ["main", "refs/heads/main", "HEAD~2", "nope", "--all"], env),
    ).toEqual({
      main: ["src/new.ts"],
      "refs/heads/main": ["src/new.ts"],
      "HEAD~2": ["docs/a b.md", "src/app.ts", "src/new.ts"],
    });
  });
});

describe("refSlug (GitLab's CI_COMMIT_REF_SLUG)", () => {
  it.each([
    ["main", "main"],
    ["Feature/ABC_1.2", "feature-abc-1-2"],
    ["release--2", "release--2"],
    ["/leading/and/trailing/", "leading-and-trailing"],
    ["ünïcode-ß", "n-code"],
    ["---", ""],
    ["a".repeat(70), "a".repeat(63)],
    // Cut to 63 first, then a trailing - is dropped.
    [`${"a".repeat(62)}/b`, "a".repeat(62)],
    ["🚀rocket", "rocket"],
  ])("%s → %s", (ref, slug) => {
    expect(refSlug(ref)).toBe(slug);
  });
});
