import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "../support/shared.js";
import { type ProcessResult, runProcess } from "./run-process.js";

/** One job as `gitlab-ci-local --list-json` describes it. */
export interface ListedJob {
  name: string;
  stage: string;
  when: string;
  allow_failure: boolean;
  needs?: { job: string; artifacts: boolean; optional: boolean }[];
}

const gitlabCiLocalBin = join(repoRoot, "node_modules", ".bin", "gitlab-ci-local");

async function git(cwd: string, ...args: string[]): Promise<void> {
  const result = await runProcess(
    "git",
    ["-c", "user.name=pipecraft-test", "-c", "user.email=test@pipecraft.invalid", ...args],
    { cwd },
  );
  if (result.exitCode !== 0) {
    throw new Error(`git ${args.join(" ")} failed (${result.exitCode}): ${result.stderr}`);
  }
}

/**
 * Creates a throw-away git repository holding `files` (path → content), committed on `main`,
 * with an `origin` remote whose HEAD points at `main`: everything gitlab-ci-local needs offline.
 */
export async function createCiRepository(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pipecraft-gcl-"));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await writeFile(join(dir, ".gitignore"), ".gitlab-ci-local/\n.gcl-home/\n");
  await git(dir, "init", "--quiet", "--initial-branch=main");
  await git(dir, "remote", "add", "origin", "https://gitlab.example.com/pipecraft/example.git");
  await git(dir, "add", "--all");
  await git(dir, "commit", "--quiet", "--message", "pipeline under test");
  await git(dir, "update-ref", "refs/remotes/origin/main", "HEAD");
  await git(dir, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
  return dir;
}

/** Removes a repository made by {@link createCiRepository}. */
export async function removeCiRepository(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Runs the pinned gitlab-ci-local in `repoDir`, isolated from the user's ~/.gitlab-ci-local. */
export function runGitlabCiLocal(repoDir: string, args: readonly string[]): Promise<ProcessResult> {
  return runProcess(
    gitlabCiLocalBin,
    ["--no-color", "--home", join(repoDir, ".gcl-home"), ...args],
    { cwd: repoDir, env: { ...process.env, FORCE_COLOR: "0" }, timeoutMs: 300_000 },
  );
}

async function succeed(repoDir: string, args: readonly string[]): Promise<string> {
  const result = await runGitlabCiLocal(repoDir, args);
  if (result.exitCode !== 0) {
    throw new Error(
      `gitlab-ci-local ${args.join(" ")} exited ${result.exitCode}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** The jobs gitlab-ci-local sees (`--list-json`, matrix jobs expanded); throws on a non-zero exit. */
export async function listJobs(repoDir: string): Promise<ListedJob[]> {
  return JSON.parse(await succeed(repoDir, ["--list-json"])) as ListedJob[];
}

/** The fully expanded configuration text (`--preview`); throws on a non-zero exit. */
export function previewConfiguration(repoDir: string): Promise<string> {
  return succeed(repoDir, ["--preview"]);
}

/** Checks that every needed or depended-on job is active (`--validate-dependency-chain`). */
export function validateDependencyChain(repoDir: string): Promise<string> {
  return succeed(repoDir, ["--validate-dependency-chain"]);
}
