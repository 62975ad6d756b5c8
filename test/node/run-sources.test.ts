// `pipecraft run --source git` on the real node, through the CLI: the project's remote `origin` is a
// bare repository that `git daemon` serves on the node's bridge address (Pods have no route out of
// the node, but reach its bridge), the sources job fetches it at the checked-out commit (not the
// remote's tip) with GIT_DEPTH, and the job after it sees those files. A repository the daemon does
// not serve fails the run with git's own error and the URL. Over HTTP behind Basic auth (`git
// http-backend`), the credentials come from the Secret of --git-credentials; over SSH (this
// machine's sshd on the bridge address), the key and known_hosts come from an ssh-auth Secret.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, run } from "../../packages/cli/test/project.js";
import { waitFor } from "../cluster/helpers.js";
import { testKubeconfigPath } from "../cluster/kubeconfig.js";
import { baselineNamespace, core, jobLogs, NODE_IMAGES } from "./node-support.js";

let ns: { name: string; remove: () => Promise<void> };
let project: string;
let served: string;
let daemon: ChildProcess | undefined;
let base: string;
let http: Server | undefined;
let httpBase: string;
let address: string;
const AUTH = `Basic ${Buffer.from("ci:t0ken-value").toString("base64")}`;
const commits: string[] = [];

const pipelineFile = `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "src" },
  variables: { GIT_DEPTH: "1" },
  default: { image: "${NODE_IMAGES.debian}" },
  jobs: {
    show: { script: ["git rev-parse HEAD", "cat hello.txt", "git rev-list --count HEAD"] },
  },
});
`;

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.com", ...args], {
    cwd,
    encoding: "utf8",
  }).trim();

// The address of the node's bridge as the Pods see it: the gateway of a Pod's /24.
async function bridgeAddress(namespace: string): Promise<string> {
  await core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name: "probe" },
      spec: {
        restartPolicy: "Never",
        containers: [
          {
            name: "probe",
            image: NODE_IMAGES.busybox,
            imagePullPolicy: "Never",
            command: ["sleep", "60"],
          },
        ],
      },
    },
  });
  const ip = await waitFor("the probe Pod's IP", async () => {
    const pod = await core.readNamespacedPod({ name: "probe", namespace });
    return pod.status?.podIP;
  });
  await core.deleteNamespacedPod({ name: "probe", namespace, gracePeriodSeconds: 0 });
  return `${ip.split(".").slice(0, 3).join(".")}.1`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  ns = await baselineNamespace("sources");
  address = await bridgeAddress(ns.name);
  const port = await freePort();
  served = mkdtempSync(join(tmpdir(), "pipecraft-git-"));
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", join(served, "shop.git")]);
  daemon = spawn(
    "git",
    [
      "daemon",
      "--reuseaddr",
      "--export-all",
      `--base-path=${served}`,
      `--listen=${address}`,
      `--port=${port}`,
      served,
    ],
    { stdio: "ignore" },
  );
  base = `git://${address}:${port}`;
  http = await smartHttp(served, address);
  const httpAddress = http.address();
  httpBase = `http://${address}:${typeof httpAddress === "object" && httpAddress ? httpAddress.port : 0}`;
  await core.createNamespacedSecret({
    namespace: ns.name,
    body: {
      metadata: { name: "git-http" },
      type: "kubernetes.io/basic-auth",
      stringData: { username: "ci", password: "t0ken-value" },
    },
  });
  // The project: three commits pushed to origin; HEAD is left on the second one.
  project = await makeProject({ "pipeline.ts": pipelineFile, "hello.txt": "v1\n" });
  git(project, "init", "-q", "-b", "main");
  git(project, "remote", "add", "origin", `${base}/shop.git`);
  for (const version of ["v1", "v2", "v3"]) {
    await writeFile(join(project, "hello.txt"), `${version}\n`);
    git(project, "add", "pipeline.ts", "hello.txt");
    git(project, "commit", "-q", "-m", version);
    commits.push(git(project, "rev-parse", "HEAD"));
  }
  await waitFor("git daemon to serve", async () => {
    try {
      git(project, "push", "-q", `file://${join(served, "shop.git")}`, "main");
      return git(project, "ls-remote", `${base}/shop.git`, "refs/heads/main") !== ""
        ? true
        : undefined;
    } catch {
      return undefined;
    }
  });
  git(project, "checkout", "-q", "--detach", commits[1] ?? "");
});
afterAll(async () => {
  daemon?.kill();
  http?.close();
  await ns?.remove();
  await removeProject(project);
  rmSync(served, { recursive: true, force: true });
});

// git's smart HTTP: `git http-backend` as a CGI behind Basic auth, on the bridge address.
function smartHttp(root: string, address: string): Promise<Server> {
  const server = createHttpServer((request, response) => {
    if (request.headers.authorization !== AUTH) {
      response.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' }).end();
      return;
    }
    const url = new URL(request.url ?? "/", "http://localhost");
    const cgi = spawn("git", ["http-backend"], {
      env: {
        PATH: process.env.PATH ?? "",
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: "1",
        REMOTE_USER: "ci",
        REQUEST_METHOD: request.method ?? "GET",
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: request.headers["content-type"] ?? "",
        HTTP_CONTENT_ENCODING: request.headers["content-encoding"] ?? "",
        GIT_PROTOCOL: String(request.headers["git-protocol"] ?? ""),
      },
    });
    request.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let started = false;
    cgi.stdout.on("data", (chunk: Buffer) => {
      if (started) {
        response.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString().split("\r\n")) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      response.writeHead(status, headers);
      started = true;
      response.write(head.subarray(end + 4));
    });
    cgi.stdout.on("end", () => response.end());
  });
  return new Promise((resolve) => server.listen(0, address, () => resolve(server)));
}

const args = (runId: string, ...more: string[]) => [
  "run",
  "--kubeconfig",
  testKubeconfigPath(),
  "--namespace",
  ns.name,
  "--run-id",
  runId,
  "--source",
  "git",
  "--git-image",
  NODE_IMAGES.debian,
  ...more,
];

describe("pipecraft run --source git on the real node", () => {
  it("fetches origin at the checked-out commit (not the remote's tip), GIT_DEPTH deep, before the job", async () => {
    const result = await run(args("g1"), project, { PATH: process.env.PATH ?? "" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(
      `[src] sources: git, job "sources" fetches ${base}/shop.git at ${commits[1]?.slice(0, 8)} before the other jobs (--source none leaves the workspace empty)`,
    );
    expect(result.stdout).toContain("pipeline success (run g1)");
    expect(result.code).toBe(0);
    expect(await jobLogs(ns.name, "src-g1-show")).toEqual([
      [
        "$ git rev-parse HEAD",
        commits[1],
        "$ cat hello.txt",
        "v2",
        "$ git rev-list --count HEAD",
        "1",
        "",
      ].join("\n"),
    ]);
    const [sourcesLog] = await jobLogs(ns.name, "src-g1-sources");
    expect(sourcesLog).toContain(`Checked out ${commits[1]} v2`);
  });

  it("a repository the server does not have: the run fails with git's error and the URL", async () => {
    const result = await run(
      args("g2", "--var", `CI_REPOSITORY_URL=${base}/missing.git`),
      project,
      { PATH: process.env.PATH ?? "" },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `pipecraft run: the sources job could not fetch ${base}/missing.git at ${commits[1]?.slice(0, 8)}: fatal: remote error: access denied or repository not exported: /missing.git; its log: ${join(project, ".pipecraft/runs/g2/sources.log")}\n`,
    );
    expect(result.stdout).toMatch(/show\s+test\s+skipped/);
    expect(result.stdout).toContain("pipeline failed (run g2)");
  });

  it("over HTTP behind Basic auth: the credentials come from the Secret, and only from it", async () => {
    const url = `${httpBase}/shop.git`;
    const result = await run(
      args("g3", "--git-credentials", "git-http", "--var", `CI_REPOSITORY_URL=${url}`),
      project,
      { PATH: process.env.PATH ?? "" },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect((await jobLogs(ns.name, "src-g3-show"))[0]).toContain("$ cat hello.txt\nv2\n");
    expect(result.stdout).not.toContain("t0ken-value");

    const refused = await run(args("g4", "--var", `CI_REPOSITORY_URL=${url}`), project, {
      PATH: process.env.PATH ?? "",
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `pipecraft run: the sources job could not fetch ${url} at ${commits[1]?.slice(0, 8)}: fatal: could not read Username for '${httpBase}': terminal prompts disabled; its log: ${join(project, ".pipecraft/runs/g4/sources.log")}\n`,
    );
  });

  it("GIT_SUBMODULE_STRATEGY recursive: a submodule at a relative URL is fetched at its recorded commit", async () => {
    // lib.git: two commits; the app records the first one.
    const lib = mkdtempSync(join(tmpdir(), "pipecraft-lib-"));
    git(lib, "init", "-q", "-b", "main");
    await writeFile(join(lib, "lib.txt"), "lib v1\n");
    git(lib, "add", "lib.txt");
    git(lib, "commit", "-q", "-m", "v1");
    const recorded = git(lib, "rev-parse", "HEAD");
    await writeFile(join(lib, "lib.txt"), "lib v2\n");
    git(lib, "commit", "-q", "-am", "v2");
    execFileSync("git", ["clone", "-q", "--bare", lib, join(served, "lib.git")]);
    const app = await makeProject({
      "pipeline.ts": pipelineFile
        .replace('GIT_DEPTH: "1"', 'GIT_DEPTH: "1", GIT_SUBMODULE_STRATEGY: "recursive"')
        .replace('"cat hello.txt"', '"cat lib/lib.txt"'),
      "hello.txt": "app\n",
    });
    try {
      git(app, "init", "-q", "-b", "main");
      git(app, "-c", "protocol.file.allow=always", "submodule", "add", "-q", lib, "lib");
      git(app, "-C", "lib", "checkout", "-q", recorded);
      git(app, "config", "-f", ".gitmodules", "submodule.lib.url", "../lib.git");
      git(app, "add", "-A");
      git(app, "commit", "-q", "-m", "app");
      execFileSync("git", ["init", "-q", "--bare", join(served, "app.git")]);
      git(app, "push", "-q", `file://${join(served, "app.git")}`, "main");
      const result = await run(
        args(
          "g5",
          "--var",
          `CI_REPOSITORY_URL=${base}/app.git`,
          "--var",
          `CI_COMMIT_SHA=${git(app, "rev-parse", "HEAD")}`,
        ),
        app,
        { PATH: process.env.PATH ?? "" },
      );
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect((await jobLogs(ns.name, "src-g5-show"))[0]).toContain("$ cat lib/lib.txt\nlib v1\n");
    } finally {
      await removeProject(app);
      rmSync(lib, { recursive: true, force: true });
    }
  });

  it("a commit that was never pushed: the run fails saying so, with the fix", async () => {
    git(project, "checkout", "-q", "main");
    await writeFile(join(project, "hello.txt"), "v4, local only\n");
    git(project, "commit", "-q", "-am", "v4");
    const local = git(project, "rev-parse", "HEAD");
    try {
      const result = await run(args("g6"), project, { PATH: process.env.PATH ?? "" });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `pipecraft run: the sources job could not fetch ${base}/shop.git at ${local.slice(0, 8)}: fatal: commit ${local} is not in what was fetched from ${base}/shop.git (depth 1); push it, or raise GIT_DEPTH; its log: ${join(project, ".pipecraft/runs/g6/sources.log")}\n`,
      );
    } finally {
      git(project, "reset", "-q", "--hard", "HEAD~1");
      git(project, "checkout", "-q", "--detach", commits[1] ?? "");
    }
  });

  it("GIT_CLONE_PATH: the job finds the fetched files there, and CI_PROJECT_DIR says so", async () => {
    const app = await makeProject({
      "pipeline.ts": pipelineFile.replace(
        "jobs: {",
        `jobs: {
    gopath: {
      variables: { GIT_CLONE_PATH: "$CI_BUILDS_DIR/go/src/example.com/$CI_PROJECT_NAME" },
      script: ["pwd", 'echo "$CI_PROJECT_DIR"', "cat hello.txt"],
    },`,
      ),
    });
    try {
      const result = await run(
        args(
          "c1",
          "--var",
          `CI_REPOSITORY_URL=${base}/shop.git`,
          "--var",
          `CI_COMMIT_SHA=${commits[1]}`,
        ),
        app,
        { PATH: process.env.PATH ?? "" },
      );
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(await jobLogs(ns.name, "src-c1-gopath")).toEqual([
        [
          "$ pwd",
          "/builds/go/src/example.com/src",
          '$ echo "$CI_PROJECT_DIR"',
          "/builds/go/src/example.com/src",
          "$ cat hello.txt",
          "v2",
          "",
        ].join("\n"),
      ]);
      expect((await jobLogs(ns.name, "src-c1-show"))[0]).toContain("$ cat hello.txt\nv2\n");
    } finally {
      await removeProject(app);
    }
  });

  describe("over SSH, with a kubernetes.io/ssh-auth Secret", () => {
    let sshd: ChildProcess | undefined;
    let keys: string;
    let url: string;
    const sshSecret = async (name: string, data: Record<string, string>) =>
      core.createNamespacedSecret({
        namespace: ns.name,
        body: { metadata: { name }, type: "kubernetes.io/ssh-auth", stringData: data },
      });

    beforeAll(async () => {
      if (!existsSync("/usr/sbin/sshd")) {
        throw new Error(
          "sshd is not installed (apt-get install openssh-server; .ci/run installs it)",
        );
      }
      keys = mkdtempSync(join(tmpdir(), "pipecraft-ssh-"));
      for (const key of ["host", "client", "stranger"]) {
        execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(keys, key)]);
      }
      copyFileSync(join(keys, "client.pub"), join(keys, "authorized_keys"));
      mkdirSync("/run/sshd", { recursive: true });
      const port = await freePort();
      const config = join(keys, "sshd_config");
      await writeFile(
        config,
        [
          `ListenAddress ${address}:${port}`,
          `HostKey ${join(keys, "host")}`,
          `PidFile ${join(keys, "sshd.pid")}`,
          `AuthorizedKeysFile ${join(keys, "authorized_keys")}`,
          "PasswordAuthentication no",
          "KbdInteractiveAuthentication no",
          "PermitRootLogin prohibit-password",
          "UsePAM no",
          "StrictModes no",
          // As GitLab's and GitHub's: protocol v2, which lets the job fetch the commit itself.
          "AcceptEnv GIT_PROTOCOL",
          "",
        ].join("\n"),
      );
      sshd = spawn("/usr/sbin/sshd", ["-D", "-f", config], { stdio: "ignore" });
      url = `ssh://root@${address}:${port}${served}/shop.git`;
      const hostKey = (name: string) =>
        `[${address}]:${port} ${readFileSync(join(keys, `${name}.pub`), "utf8")}`;
      const privateKey = readFileSync(join(keys, "client"), "utf8");
      await sshSecret("git-ssh", { "ssh-privatekey": privateKey, known_hosts: hostKey("host") });
      await sshSecret("git-ssh-no-hosts", { "ssh-privatekey": privateKey });
      await sshSecret("git-ssh-stranger", {
        "ssh-privatekey": privateKey,
        known_hosts: hostKey("stranger"),
      });
      await writeFile(join(keys, "known_hosts"), hostKey("host"));
      const sshCommand = `ssh -i ${join(keys, "client")} -o BatchMode=yes -o UserKnownHostsFile=${join(keys, "known_hosts")}`;
      await waitFor("sshd to serve", async () => {
        try {
          execFileSync("git", ["ls-remote", url, "refs/heads/main"], {
            env: { ...process.env, GIT_SSH_COMMAND: sshCommand },
            stdio: "ignore",
          });
          return true;
        } catch {
          return undefined;
        }
      });
    });
    afterAll(() => {
      sshd?.kill();
      if (keys !== undefined) rmSync(keys, { recursive: true, force: true });
    });

    it("fetches with the Secret's key, the host key checked against its known_hosts", async () => {
      const result = await run(
        args("s1", "--git-credentials", "git-ssh", "--var", `CI_REPOSITORY_URL=${url}`),
        project,
        { PATH: process.env.PATH ?? "" },
      );
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `[src] sources: git, job "sources" fetches ${url} at ${commits[1]?.slice(0, 8)} before the other jobs`,
      );
      expect((await jobLogs(ns.name, "src-s1-show"))[0]).toContain("$ cat hello.txt\nv2\n");
      expect(result.stdout).not.toContain("PRIVATE KEY");
    });

    it("no known_hosts, a host key that is not in it, no Secret: one line each, with the fix", async () => {
      const failure = async (runId: string, secret: string) => {
        const result = await run(
          args(runId, "--git-credentials", secret, "--var", `CI_REPOSITORY_URL=${url}`),
          project,
          { PATH: process.env.PATH ?? "" },
        );
        expect(result.code).toBe(1);
        const prefix = `pipecraft run: the sources job could not fetch ${url} at ${commits[1]?.slice(0, 8)}: `;
        const suffix = `; its log: ${join(project, `.pipecraft/runs/${runId}/sources.log`)}\n`;
        expect(result.stderr.startsWith(prefix) && result.stderr.endsWith(suffix)).toBe(true);
        return result.stderr.slice(prefix.length, -suffix.length);
      };
      expect(await failure("s2", "git-ssh-no-hosts")).toBe(
        "fatal: the Secret git-ssh-no-hosts of --git-credentials has no key known_hosts, and the SSH host key is always checked; add the host's public key to the Secret as known_hosts (ssh-keyscan HOST)",
      );
      expect(await failure("s3", "git-ssh-stranger")).toBe(
        "fatal: the SSH host key of the remote is not in the known_hosts of the Secret git-ssh-stranger of --git-credentials; add the host's public key there (ssh-keyscan HOST)",
      );
      expect(await failure("s4", "no-such-secret")).toBe(
        "fatal: an SSH remote needs a key, and the Secret no-such-secret of --git-credentials has no key ssh-privatekey, or is not in this namespace; give a kubernetes.io/ssh-auth Secret, or an HTTPS URL with --var CI_REPOSITORY_URL=https://...",
      );
    });
  });
});
