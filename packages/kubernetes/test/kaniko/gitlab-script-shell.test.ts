// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is shell and CI syntax, not JavaScript
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KanikoBuildInput } from "@pipecraft/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kaniko } from "../../src/kaniko/kaniko.js";

// The generated script runs under /bin/sh (and bash, which the runner prefers where the image
// has it; the Kaniko debug image has busybox sh) as GitLab's runner runs it (each entry in turn, stop
// at the first failure), with a fake /kaniko/executor that records its argv (NUL-separated, so
// that arguments with newlines are told apart) and working directory, and a temp folder in
// place of /kaniko/.docker.

const password = `pa$$ w"o\`r\\d $(id) ${"x".repeat(60)}`; // long enough for base64 to wrap
const env = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  CI_REGISTRY: "registry.gitlab.example.com",
  CI_REGISTRY_USER: "gitlab-ci-token",
  CI_REGISTRY_PASSWORD: password,
  CI_REGISTRY_IMAGE: "registry.gitlab.example.com/group/app",
  CI_COMMIT_SHORT_SHA: "1a2b3c4d",
  DEPLOY_USER: "deployer",
  DEPLOY_TOKEN: "s3cr3t token",
  HOME_TEAM: "platform",
};

let root = "";
let projectDir = "";

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "pipecraft-kaniko-"));
  projectDir = join(root, "project dir");
  mkdirSync(projectDir);
  const executor = join(root, "executor");
  writeFileSync(
    executor,
    [
      "#!/bin/sh",
      `pwd > "${root}/cwd"`,
      `: > "${root}/argv"`,
      `for argument in "$@"; do printf '%s\\0' "$argument" >> "${root}/argv"; done`,
      "",
    ].join("\n"),
  );
  chmodSync(executor, 0o755);
});

afterAll(() => {
  if (root !== "") rmSync(root, { recursive: true, force: true });
});

interface Run {
  script: string[];
  argv: string[];
  cwd: string;
  output: string;
  dockerConfig: string | undefined;
}

const shells = ["/bin/sh", "/bin/bash"].filter((shell) => existsSync(shell));

function run(shell: string, options: KanikoBuildInput): Run {
  const script = kaniko.build(options).script;
  const dockerDir = join(root, `docker-${Math.random().toString(36).slice(2)}`);
  const text = script
    .join("\n")
    .replaceAll("/kaniko/executor", join(root, "executor"))
    .replaceAll("/kaniko/.docker", dockerDir);
  // --norc: node's pipes are sockets, which bash takes for a remote shell that reads ~/.bashrc.
  const flags = shell.endsWith("bash") ? ["--norc", "--noprofile", "-e", "-c"] : ["-e", "-c"];
  const result = spawnSync(shell, [...flags, text], {
    cwd: projectDir,
    env: { ...env, CI_PROJECT_DIR: projectDir },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  let dockerConfig: string | undefined;
  try {
    dockerConfig = readFileSync(join(dockerDir, "config.json"), "utf8");
  } catch {
    dockerConfig = undefined;
  }
  const argv = readFileSync(join(root, "argv"), "utf8").split("\0");
  return {
    script,
    argv: argv.slice(0, -1),
    cwd: readFileSync(join(root, "cwd"), "utf8").trim(),
    output: result.stdout + result.stderr,
    dockerConfig,
  };
}

function decodedAuths(config: string | undefined): Record<string, string> {
  const parsed = JSON.parse(config ?? "") as { auths: Record<string, { auth: string }> };
  return Object.fromEntries(
    Object.entries(parsed.auths).map(([registry, entry]) => [
      registry,
      Buffer.from(entry.auth, "base64").toString("utf8"),
    ]),
  );
}

describe.each(shells)("the GitLab script under %s", (shell) => {
  it("passes awkward values through unchanged and expands variable references", () => {
    const result = run(shell, {
      context: "sub dir/app",
      destinations: ["$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA", "${CI_REGISTRY_IMAGE}:latest"],
      cache: true,
      cacheRepo: "$CI_REGISTRY_IMAGE/cache",
      buildArgs: {
        SPACES: "a  b   c",
        QUOTES: `it's "quoted"`,
        BACKSLASHES: "C:\\path\\to\\ and \\\\ and \\n",
        BACKQUOTE: "`id`",
        REFERENCE: "team $HOME_TEAM/${HOME_TEAM}",
        EMPTY: "",
        NEWLINE: "line 1\nline 2",
        GLOB: "* ? [a]",
      },
      target: "run time",
      extraArgs: ["--label=team=$HOME_TEAM", "--verbosity=info"],
    });
    expect(result.argv).toEqual([
      `--context=${projectDir}/sub dir/app`,
      `--dockerfile=${projectDir}/sub dir/app/Dockerfile`,
      "--destination=registry.gitlab.example.com/group/app:1a2b3c4d",
      "--destination=registry.gitlab.example.com/group/app:latest",
      "--cache=true",
      "--cache-repo=registry.gitlab.example.com/group/app/cache",
      "--build-arg=SPACES=a  b   c",
      `--build-arg=QUOTES=it's "quoted"`,
      "--build-arg=BACKSLASHES=C:\\path\\to\\ and \\\\ and \\n",
      "--build-arg=BACKQUOTE=`id`",
      "--build-arg=REFERENCE=team platform/platform",
      "--build-arg=EMPTY=",
      "--build-arg=NEWLINE=line 1\nline 2",
      "--build-arg=GLOB=* ? [a]",
      "--target=run time",
      "--label=team=platform",
      "--verbosity=info",
    ]);
    expect(result.cwd).toBe(projectDir);
    expect(result.dockerConfig).toBeUndefined();
  });

  it("runs no command substitution from a value, while its variable references still expand", () => {
    // A command that leaves a file behind when anything runs it; its path has no spaces, so it
    // fits a registry host too.
    const marker = join(root, `pwned-${shell.replaceAll("/", "-")}`);
    const command = join(root, `pwn-${shell.replaceAll("/", "-")}`);
    writeFileSync(command, `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(command, 0o755);
    const hostile = `x-$(${command})-\`${command}\`-\${HOME_TEAM:+$(${command})}-$$-$1-$HOME_TEAM-\${HOME_TEAM}`;
    const result = run(shell, {
      destinations: [`$CI_REGISTRY_IMAGE:$(${command})`],
      buildArgs: { BRANCH: hostile },
      registryAuth: { registry: `$CI_REGISTRY$(${command})` },
    });
    expect(existsSync(marker)).toBe(false);
    expect(result.argv).toEqual([
      `--context=${projectDir}`,
      `--dockerfile=${projectDir}/Dockerfile`,
      `--destination=registry.gitlab.example.com/group/app:$(${command})`,
      `--build-arg=BRANCH=x-$(${command})-\`${command}\`-\${HOME_TEAM:+$(${command})}-$$-$1-platform-platform`,
    ]);
    expect(Object.keys(JSON.parse(result.dockerConfig ?? "").auths)).toEqual([
      `registry.gitlab.example.com$(${command})`,
    ]);
  });

  it("writes config.json with the CI registry credentials, never showing the password", () => {
    const result = run(shell, { destinations: ["$CI_REGISTRY_IMAGE:1"], registryAuth: {} });
    expect(decodedAuths(result.dockerConfig)).toEqual({
      "registry.gitlab.example.com": `gitlab-ci-token:${password}`,
    });
    expect(result.argv).toEqual([
      `--context=${projectDir}`,
      `--dockerfile=${projectDir}/Dockerfile`,
      "--destination=registry.gitlab.example.com/group/app:1",
    ]);
    // The runner echoes each command as written: the script is the log, and neither it nor
    // anything the commands print holds the password or its base64.
    const encoded = Buffer.from(`gitlab-ci-token:${password}`).toString("base64");
    for (const text of [result.script.join("\n"), result.output]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain("x".repeat(20));
      expect(text).not.toContain(encoded.slice(0, 20));
    }
    expect(result.output).toBe("");
  });

  it("writes config.json for another registry from the variables it names", () => {
    const result = run(shell, {
      destinations: ["registry.example.com:5000/app:1"],
      registryAuth: {
        registry: "registry.example.com:5000",
        usernameVariable: "DEPLOY_USER",
        passwordVariable: "DEPLOY_TOKEN",
      },
    });
    expect(decodedAuths(result.dockerConfig)).toEqual({
      "registry.example.com:5000": "deployer:s3cr3t token",
    });
    expect(result.script.join("\n")).not.toContain("s3cr3t");
  });

  it("runs a fetched context from /, the Dockerfile relative to the context", () => {
    const result = run(shell, {
      context: "s3://bucket/context.tar.gz",
      dockerfile: "Dockerfile.ci",
      destinations: ["a/b:c"],
    });
    expect(result.cwd).toBe("/");
    expect(result.argv).toEqual([
      "--context=s3://bucket/context.tar.gz",
      "--dockerfile=Dockerfile.ci",
      "--destination=a/b:c",
    ]);
  });
});
