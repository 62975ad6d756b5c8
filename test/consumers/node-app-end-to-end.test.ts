import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCiRepository, removeCiRepository, runGitlabCiLocal } from "./gitlab-ci-local.js";
import { examplePipelines, readCommittedOutput } from "./pipeline-sources.js";
import { runProcess } from "./run-process.js";

const nodeApp = examplePipelines.find((source) => source.label === "examples/node-app");
const rsync = await runProcess("sh", ["-c", "command -v rsync"], { cwd: "." });
const skipReason =
  rsync.exitCode === 0
    ? undefined
    : "skipped: rsync is missing (gitlab-ci-local's shell executor copies the work tree with it)";
if (skipReason !== undefined) console.warn(`node-app end to end ${skipReason}`);

// The shell-only jobs of examples/node-app (no image: gitlab-ci-local runs them in its shell
// executor) really run: `version` passes APP_VERSION on through a dotenv report, and
// `release-notes` uses it.
describe.skipIf(skipReason !== undefined)("examples/node-app runs under gitlab-ci-local", () => {
  let repo = "";
  let shortSha = "";

  beforeAll(async () => {
    if (nodeApp === undefined) throw new Error("examples/node-app is missing");
    repo = await createCiRepository({
      ".gitlab-ci.yml": readCommittedOutput(nodeApp),
      "README.md": await readFile(join(nodeApp.dir, "README.md"), "utf8"),
    });
    const head = await runProcess("git", ["rev-parse", "HEAD"], { cwd: repo });
    shortSha = head.stdout.trim().slice(0, 8);
  });
  afterAll(async () => {
    if (repo !== "") await removeCiRepository(repo);
  });

  it("release-notes fails without the version job: the dotenv variable is really needed", async () => {
    const result = await runGitlabCiLocal(repo, ["--shell-isolation", "release-notes"]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain("APP_VERSION is not set: the version job must run first");
  });

  it("version, then release-notes with the version it computed", async () => {
    const result = await runGitlabCiLocal(repo, ["--shell-isolation", "version", "release-notes"]);
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/PASS\s+version/);
    expect(result.stdout).toMatch(/PASS\s+release-notes/);
    const notes = await readFile(
      join(repo, ".gitlab-ci-local", "artifacts", "release-notes", "release-notes.md"),
      "utf8",
    );
    const lines = notes.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      `# Release 0.0.0-${shortSha}`,
      "",
      `- commit: ${shortSha} on main`,
      // gitlab-ci-local fills CI_COMMIT_TITLE with a placeholder; any non-empty title will do.
      expect.stringMatching(/^- title: \S/),
    ]);
    expect(lines.slice(4)).toEqual([""]);
  });
});
