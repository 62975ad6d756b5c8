import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JobScript, jobCommand } from "../src/script-command.js";
import { jobNamed, mainContainer, manifestsOf } from "./synth-helpers.js";

// The command runs under the real /bin/sh, as the container would run it.
function run(script: Partial<JobScript>, env: Record<string, string> = {}) {
  const command = jobCommand({ beforeScript: [], script: [], afterScript: [], ...script });
  const result = spawnSync(command[0]!, command.slice(1), {
    encoding: "utf8",
    env: { PATH: process.env.PATH, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the job command (script semantics on Kubernetes)", () => {
  it("runs before_script then script in one shell, echoing each command as GitLab does", () => {
    const result = run({
      beforeScript: ["GREETING=hello", "cd /tmp"],
      script: ['echo "$GREETING from $(pwd)"'],
    });
    expect(result).toEqual({
      status: 0,
      stdout: '$ GREETING=hello\n$ cd /tmp\n$ echo "$GREETING from $(pwd)"\nhello from /tmp\n',
      stderr: "",
    });
  });

  it("stops at the first failing command and exits with its status", () => {
    const result = run({ script: ["echo one", "sh -c 'exit 3'", "echo never"] });
    expect(result.status).toBe(3);
    expect(result.stdout).toBe(
      "$ echo one\none\n$ sh -c 'exit 3'\nERROR: Job failed: exit code 3\n",
    );
  });

  it("runs after_script after a failure, in a fresh shell, and keeps the script's exit status", () => {
    const result = run({
      script: ["SCRIPT_VAR=set", "cd /tmp", "exit 7"],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and GitLab variable syntax
      afterScript: ['echo "after: [${SCRIPT_VAR:-unset}] in $(pwd)"', "exit 9", "echo not reached"],
    });
    expect(result.status).toBe(7);
    expect(result.stdout).toBe(
      [
        "$ SCRIPT_VAR=set",
        "$ cd /tmp",
        "$ exit 7",
        "Running after_script",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and GitLab variable syntax
        '$ echo "after: [${SCRIPT_VAR:-unset}] in $(pwd)"',
        `after: [unset] in ${process.cwd()}`,
        "$ exit 9",
        "after_script failed with exit code 9",
        "ERROR: Job failed: exit code 7",
        "",
      ].join("\n"),
    );
  });

  it("a failing after_script does not fail a successful job", () => {
    const result = run({ script: ["true"], afterScript: ["false"] });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("after_script failed with exit code 1\n");
  });

  it("keeps awkward entries intact: quotes, backslashes, $, multi-line blocks, heredocs", () => {
    const awkward = [
      `printf '%s\\n' "it's \\"quoted\\"" 'single $HOME' "back\\\\slash"`,
      "if [ 1 -eq 1 ]; then\n  echo 'multi-line block'\nfi",
      "cat <<'EOF'\nheredoc $NOT_EXPANDED `nor this`\nEOF",
      "echo '--- looks like YAML: {a: b} #not a comment'",
    ];
    const result = run({ script: awkward });
    expect(result.status).toBe(0);
    const output = result.stdout
      .split("\n")
      .filter((line) => !line.startsWith("$ ") && line !== "");
    expect(output).toEqual([
      `it's "quoted"`,
      "single $HOME",
      "back\\slash",
      "  echo 'multi-line block'",
      "fi",
      "multi-line block",
      // echoed entry (its continuation lines), then the heredoc's output
      "heredoc $NOT_EXPANDED `nor this`",
      "EOF",
      "heredoc $NOT_EXPANDED `nor this`",
      "--- looks like YAML: {a: b} #not a comment",
    ]);
  });

  it("an entry that fails inside a compound command still ends the job (set -e applies)", () => {
    const result = run({
      script: ["for i in 1 2; do\n  test $i -lt 2\n  echo ok $i\ndone", "echo never"],
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("ok 1\n");
    expect(result.stdout).not.toContain("ok 2");
    expect(result.stdout).not.toContain("never");
  });

  it("sets CI_NODE_INDEX from the Indexed Job's completion index, 1-based as in GitLab", () => {
    const result = run({ script: ['echo "node $CI_NODE_INDEX"'] }, { JOB_COMPLETION_INDEX: "2" });
    expect(result.stdout).toBe('$ echo "node $CI_NODE_INDEX"\nnode 3\n');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and GitLab variable syntax
    expect(run({ script: ['echo "[${CI_NODE_INDEX:-}]"'] }).stdout).toContain("[]\n");
  });

  it("passes the script as arguments, never inside the program text", () => {
    const command = jobCommand({ beforeScript: ["a"], script: ["b", "c"], afterScript: ["d"] });
    expect(command.slice(0, 2)).toEqual(["/bin/sh", "-c"]);
    expect(command.slice(3)).toEqual(["pipecraft-job", "3", "a", "b", "c", "d"]);
  });
});

describe("dotenv reports of earlier jobs", () => {
  it("exports their NAME=value lines before the scripts, values taken literally", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "pipecraft-dotenv-"));
    writeFileSync(
      join(dir, "build.env"),
      "APP_VERSION=1.2.3\nGREETING=hello world $HOME\n# comment\nLAST=no newline",
    );
    writeFileSync(join(dir, "other.env"), "APP_VERSION=override\n");
    const result = run(
      { script: ['echo "[$APP_VERSION] [$GREETING] [$LAST]"'] },
      {
        PIPECRAFT_DOTENV: `${join(dir, "build.env")} ${join(dir, "missing.env")} ${join(dir, "other.env")}`,
      },
    );
    expect(result.stdout).toBe(
      '$ echo "[$APP_VERSION] [$GREETING] [$LAST]"\n[override] [hello world $HOME] [no newline]\n',
    );
    expect(result.status).toBe(0);
  });
});

// What the kubelet does to command, args and env values (Kubernetes' documented expansion):
// `$$` → `$`, `$(NAME)` → the value of an env entry defined before, anything else as written.
function kubeletExpand(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([^)]*)\)/g, (token, name: string | undefined) =>
    token === "$$" ? "$" : name !== undefined && Object.hasOwn(env, name) ? env[name]! : token,
  );
}

describe("the kubelet's $(VAR) expansion in command", () => {
  it("script text reaches the shell as written: $$ and $(…) are escaped", () => {
    const script = ['echo "pid $$ at $(date +%Y) in $(CI_PROJECT_DIR)"', "echo '$$$'"];
    const container = mainContainer(
      jobNamed(manifestsOf({ jobs: { build: { image: "alpine", script } } }), "app-build"),
    );
    const env = Object.fromEntries((container.env ?? []).map((v) => [v.name, v.value ?? ""]));
    const command = (container.command ?? []).map((part) => kubeletExpand(part, env));
    expect(command.slice(5)).toEqual(script);
    // …and the expanded command still runs under /bin/sh.
    const result = spawnSync(command[0]!, command.slice(1), { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("$ echo '$$$'\n$$$\n");
  });

  it("the runner program itself needs no escaping: it reads in the manifest as it runs", () => {
    const container = mainContainer(
      jobNamed(
        manifestsOf({ jobs: { build: { image: "alpine", script: ["true"] } } }),
        "app-build",
      ),
    );
    expect(container.command?.[2]).toBe(
      jobCommand({ beforeScript: [], script: [], afterScript: [] })[2],
    );
    expect(container.command?.[2]).not.toContain("$(");
  });

  it("kubeletExpand is a faithful stand-in: an unescaped $(NAME) would be replaced", () => {
    expect(kubeletExpand("a $(X) $$(X) $(Y)", { X: "1" })).toBe("a 1 $(X) $(Y)");
  });
});

// The same command under /bin/sh (dash here, as in Debian images) and bash (the /bin/sh of some
// images), each run for real.
const shells = ["/bin/sh", "/bin/bash"].filter((shell) => existsSync(shell));

function runUnder(shell: string, script: Partial<JobScript>, env: Record<string, string> = {}) {
  const command = jobCommand({ beforeScript: [], script: [], afterScript: [], ...script });
  const result = spawnSync(shell, command.slice(1), {
    encoding: "utf8",
    env: { PATH: process.env.PATH, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.each(shells)("the job command under %s behaves like GitLab's bash script", (shell) => {
  it("a break or continue outside a loop of the entry's own does not end the script", () => {
    const result = runUnder(shell, {
      script: ["echo one", "break", "continue", "echo two"],
      afterScript: ["break", "echo after"],
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "$ echo one\none\n$ break\n$ continue\n$ echo two\ntwo\nRunning after_script\n$ break\n$ echo after\nafter\n",
    );
  });

  it("an entry sees no positional parameters, as at the top of GitLab's script", () => {
    const result = runUnder(shell, { script: ['echo "[$#] [$*]"'] });
    expect(result.stdout).toBe('$ echo "[$#] [$*]"\n[0] []\n');
  });

  it("CI variables named like the runner's own variables keep their values", () => {
    const names = ["s", "a", "f", "l", "c", "i", "n", "k"];
    const env = Object.fromEntries(names.map((name) => [name, `value of ${name}`]));
    const line = names.map((name) => `${name}=[$${name}]`).join(" ");
    const result = runUnder(
      shell,
      { script: [`echo "${line}"`], afterScript: [`echo "${line}"`] },
      { ...env, PIPECRAFT_DOTENV: "/nonexistent.env" },
    );
    const expected = names.map((name) => `${name}=[value of ${name}]`).join(" ");
    expect(result.stdout.split("\n").filter((text) => !text.startsWith("$ "))).toEqual([
      expected,
      "Running after_script",
      expected,
      "",
    ]);
    expect(result.status).toBe(0);
  });

  it("skips dotenv lines that are not NAME=value with a warning, and still runs the job", () => {
    const dir = mkdtempSync(join(tmpdir(), "pipecraft-dotenv-"));
    const file = join(dir, "build.env");
    writeFileSync(
      file,
      "BAD NAME=2\nGOOD=1\n1ST=x\n=empty\nno equals sign\n\n# comment\nÄ=umlaut\nAFTER=yes",
    );
    const result = runUnder(
      shell,
      { script: ['echo "[$GOOD] [$AFTER]"', "false"] },
      { PIPECRAFT_DOTENV: file },
    );
    expect(result.stdout).toBe(
      [
        `WARNING: ${file}: skipped "BAD NAME": not a variable name`,
        `WARNING: ${file}: skipped "1ST": not a variable name`,
        `WARNING: ${file}: skipped "": not a variable name`,
        `WARNING: ${file}: skipped a line that is not NAME=value`,
        `WARNING: ${file}: skipped "Ä": not a variable name`,
        '$ echo "[$GOOD] [$AFTER]"',
        "[1] [yes]",
        "$ false",
        "ERROR: Job failed: exit code 1",
        "",
      ].join("\n"),
    );
    expect(result.status).toBe(1);
  });
});
