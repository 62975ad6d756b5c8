// `pipecraft validate .gitlab-ci.yml --resolve-includes` against a real HTTPS server (Node's
// https, with a certificate made by openssl for this test and trusted through
// NODE_EXTRA_CA_CERTS): remote and template includes are fetched, cached, and checked across
// files; what cannot be fetched is reported with its cause.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipecraft } from "./pipecraft-cli.js";
import { runProcess } from "./run-process.js";

let work = "";
let server: Server;
let base = "";
const requests: string[] = [];

const served = (port: number): Record<string, string> => ({
  "/templates/Security/SAST.gitlab-ci.yml":
    "stages: [build, test]\n.sast-base:\n  stage: test\n  script: [scan]\nsemgrep-sast:\n  extends: .sast-base\n  variables:\n    A: '1'\n",
  "/remote/jobs.yml": `include:\n  - remote: https://127.0.0.1:${port}/remote/nested.yml\nremote-job:\n  stage: build\n  script: [r]\n`,
  "/remote/nested.yml": "nested-job:\n  stage: build\n  script: [n]\n",
});

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "pipecraft-https-"));
  const made = await runProcess(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      "key.pem",
      "-out",
      "cert.pem",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ],
    { cwd: work },
  );
  if (made.exitCode !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  const tls = {
    key: await readFile(join(work, "key.pem")),
    cert: await readFile(join(work, "cert.pem")),
  };
  server = createServer(tls, (request, response) => {
    const path = request.url ?? "";
    requests.push(path);
    const port = (server.address() as AddressInfo).port;
    const body = served(port)[path];
    response.writeHead(body === undefined ? 404 : 200, { "content-type": "text/plain" });
    response.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(work, { recursive: true, force: true });
});

const trusted = () => ({ NODE_EXTRA_CA_CERTS: join(work, "cert.pem") });

async function projectWith(main: string): Promise<string> {
  const dir = await mkdtemp(join(work, "project-"));
  await writeFile(join(dir, ".gitlab-ci.yml"), main);
  return dir;
}

const pipelineText = (needs: string) => `include:
  - template: Security/SAST.gitlab-ci.yml
  - remote: ${base}/remote/jobs.yml
semgrep-sast:
  variables:
    X: "1"
after:
  stage: test
  needs: [${needs}]
  script: [done]
`;

describe("validate --resolve-includes", () => {
  it("fetches template and remote includes (nested too), checks across them, and caches them", async () => {
    const dir = await projectWith(pipelineText("semgrep-sast, remote-job, nested-job"));
    const offline = await runPipecraft(["validate", ".gitlab-ci.yml"], dir, trusted());
    expect(offline.exitCode).toBe(0);
    expect(offline.stderr).toContain(
      'jobs.after.needs[1]: warning: no job named "remote-job" (unless an unresolved include (template, remote) provides it)',
    );
    expect(requests).toEqual([]);

    const args = [
      "validate",
      ".gitlab-ci.yml",
      "--resolve-includes",
      "--templates-url",
      `${base}/templates/`,
    ];
    const online = await runPipecraft(args, dir, trusted());
    expect({ code: online.exitCode, stderr: online.stderr }).toEqual({
      code: 0,
      stderr: ".gitlab-ci.yml is valid (4 jobs)\n",
    });
    expect(requests.sort()).toEqual([
      "/remote/jobs.yml",
      "/remote/nested.yml",
      "/templates/Security/SAST.gitlab-ci.yml",
    ]);
    expect(await readdir(join(dir, ".pipecraft/cache/includes"))).toHaveLength(3);

    // The second run reads the cache: no request, the same result.
    const again = await runPipecraft(args, dir, trusted());
    expect(again.stderr).toBe(".gitlab-ci.yml is valid (4 jobs)\n");
    expect(requests).toHaveLength(3);
  });

  it("makes a need no fetched file provides an error, with did-you-mean", async () => {
    const dir = await projectWith(pipelineText("remote-jbo"));
    const result = await runPipecraft(
      ["validate", ".gitlab-ci.yml", "--resolve-includes", "--templates-url", `${base}/templates/`],
      dir,
      trusted(),
    );
    expect({ code: result.exitCode, stderr: result.stderr }).toEqual({
      code: 1,
      stderr:
        '.gitlab-ci.yml:9:11: jobs.after.needs[0]: no job named "remote-jbo"; did you mean "remote-job"?\n1 error in .gitlab-ci.yml\n',
    });
  });

  it("reports what it could not fetch: a 404, an untrusted certificate, a plain http URL", async () => {
    const dir = await projectWith(
      `include:\n  - remote: ${base}/missing.yml\n  - remote: http://127.0.0.1:1/x.yml\njob:\n  script: [x]\n`,
    );
    const args = ["validate", ".gitlab-ci.yml", "--resolve-includes"];
    const result = await runPipecraft(args, dir, trusted());
    expect({ code: result.exitCode, stderr: result.stderr }).toEqual({
      code: 1,
      stderr: [
        `.gitlab-ci.yml:1:1: include: could not fetch ${base}/missing.yml: HTTP 404`,
        ".gitlab-ci.yml:1:1: include: not fetched: http://127.0.0.1:1/x.yml is not an https:// URL; --resolve-includes fetches over HTTPS only",
        "2 errors in .gitlab-ci.yml",
        "",
      ].join("\n"),
    });
    const untrusted = await projectWith(
      `include:\n  - remote: ${base}/remote/nested.yml\njob:\n  script: [x]\n`,
    );
    const refused = await runPipecraft(args, untrusted);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(
      `.gitlab-ci.yml:1:1: include: could not fetch ${base}/remote/nested.yml: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)\n1 error in .gitlab-ci.yml\n`,
    );
    expect(existsSync(join(untrusted, ".pipecraft"))).toBe(false);
  });
});
