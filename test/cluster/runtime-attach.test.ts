// `pipecraft run --attach RUN` on the real control plane: the client that started a run is
// SIGKILLed while a job runs, another client attaches, resumes the scheduling (releasing the Jobs
// the dead client would have) and exits with the run's exit code. And with the first client
// alive, an attached client only watches: it sends no release of its own (counted at a proxy),
// and both exit with the same code. Whichever way the attached client goes — it watches while the
// dead client's Lease holds and then takes the run over, takes it over at once, or only watches a
// live client's run to the end — it prints each job's state lines and each log line once.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BatchV1Api, CoordinationV1Api, CoreV1Api, V1MicroTime } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, repoRoot, run } from "../../packages/cli/test/project.js";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.js";
import { POD_LOG_LINES } from "./harness.js";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig, testKubeconfigPath } from "./kubeconfig.js";
import { kwok, provideVolume, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const batch = kc.makeApiClient(BatchV1Api);
const coordination = kc.makeApiClient(CoordinationV1Api);
let ns: { name: string; remove: () => Promise<void> };
let proxy: FaultProxy;
const volumes: string[] = [];
const projects: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-attach");
  proxy = await startFaultProxy(kc);
});
afterAll(async () => {
  await proxy?.close();
  await ns?.remove();
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
  for (const project of projects) await removeProject(project);
});

// build runs 4 s; then deploy fails with exit code 3 (not allowed): the run fails, exit 1.
const pipelineWithBuildOf = (seconds: number) => `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "att" },
  stages: ["build", "deploy"],
  jobs: {
    build: { stage: "build", image: "busybox", script: ["make"], kubernetes: { annotations: { "pipecraft.dev/run-duration": "${seconds}s" } } },
    deploy: { stage: "deploy", image: "busybox", script: ["make deploy"], kubernetes: { annotations: { "pipecraft.dev/fail-exit-code": "3" } } },
  },
});
`;
const pipeline = pipelineWithBuildOf(4);

async function prepare(runId: string, source = pipeline): Promise<string> {
  const directory = await makeProject({ "pipeline.ts": source });
  projects.push(directory);
  volumes.push(
    await provideVolume(kc, ns.name, {
      metadata: { name: `att-${runId}-workspace` },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    }),
  );
  return directory;
}

/** Starts `pipecraft run` as its own process; resolves once its build job is running. */
async function startRun(
  directory: string,
  runId: string,
): Promise<{ child: ChildProcess; exit: Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, "packages/cli/bin/pipecraft.js"),
      "run",
      "--kubeconfig",
      testKubeconfigPath(),
      "--namespace",
      ns.name,
      "--run-id",
      runId,
    ],
    { cwd: directory, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("[att] build: running\n")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`run exited early (${code}):\n${stdout}`)));
  });
  return { child, exit };
}

const attachArgs = (runId: string, kubeconfig: string) => [
  "run",
  "--attach",
  runId,
  "--kubeconfig",
  kubeconfig,
  "--namespace",
  ns.name,
];

/** The `[att] job: status` lines of a text output. */
const stateLines = (stdout: string) =>
  stdout.split("\n").filter((line) => line.startsWith("[att] "));

/** Each job's live log lines (`build  | text`) in a text output, in order. */
function logLines(stdout: string): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  for (const line of stdout.split("\n")) {
    const match = /^(\S+)\s+\| (.*)$/.exec(line);
    if (match === null) continue;
    const [, job = "", text = ""] = match;
    lines.set(job, [...(lines.get(job) ?? []), text]);
  }
  return lines;
}

/**
 * The attached client's output holds every state line at most once (which of `pending` or
 * `running` it shows depends on what it saw, so only repeats are counted), the lines every run
 * ends with exactly once, and each job's log (kwok's fixed lines) exactly once.
 */
function expectPrintedOnce(stdout: string): void {
  const states = stateLines(stdout);
  expect(states.filter((line, index) => states.indexOf(line) !== index)).toEqual([]);
  expect(states.filter((line) => line === "[att] build: success")).toHaveLength(1);
  expect(states.filter((line) => line === "[att] deploy: failed, exit code 3")).toHaveLength(1);
  expect(logLines(stdout)).toEqual(
    new Map([
      ["build", POD_LOG_LINES],
      ["deploy", POD_LOG_LINES],
    ]),
  );
}

/** Each job's saved log (`.pipecraft/runs/<run>/<job>.log`) holds kwok's lines once. */
function expectSavedOnce(directory: string, runId: string): void {
  for (const job of ["build", "deploy"]) {
    const saved = readFileSync(join(directory, ".pipecraft", "runs", runId, `${job}.log`), "utf8");
    expect(saved.trimEnd().split("\n")).toEqual(POD_LOG_LINES);
  }
}

/**
 * Sets the run's owner Lease (held by a client that is gone) as renewed `ago` ms before now:
 * 0, and an attached client watches for a whole Lease term before it takes the run over; more
 * than the term, and it takes the run over at once.
 */
async function renewedAgo(runId: string, ago: number): Promise<void> {
  const name = `att-run-${runId}`;
  const lease = await coordination.readNamespacedLease({ name, namespace: ns.name });
  await coordination.replaceNamespacedLease({
    name,
    namespace: ns.name,
    body: { ...lease, spec: { ...lease.spec, renewTime: new V1MicroTime(Date.now() - ago) } },
  });
}

describe.skipIf(testClusterKind() !== "local")("pipecraft run --attach", () => {
  it("after the client was SIGKILLed: resumes scheduling, and exits with the run's code", async () => {
    const runId = uniqueRunId("kill");
    const directory = await prepare(runId);
    const { child, exit } = await startRun(directory, runId);
    child.kill("SIGKILL");
    await exit;
    // Nobody releases deploy now: it stays suspended until a client attaches.
    const deploy = await batch.readNamespacedJob({
      name: `att-${runId}-deploy`,
      namespace: ns.name,
    });
    expect(deploy.spec?.suspend).toBe(true);

    // The dead client's last renewal was just now: the attached client watches first (build
    // ends meanwhile, unreported by anyone), then takes the run over.
    await renewedAgo(runId, 0);
    const result = await run(attachArgs(runId, testKubeconfigPath()), directory);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const lines = stateLines(result.stdout);
    expect(lines[0]).toBe(
      `[att] run ${runId} in namespace ${ns.name}: 2 jobs (record configmap/att-run-${runId})`,
    );
    expect(lines).toContain("[att] build: success");
    expect(lines).toContain("[att] deploy: failed, exit code 3");
    expect(result.stdout).toContain(`pipeline failed (run ${runId})`);
    const record = await core.readNamespacedConfigMap({
      name: `att-run-${runId}`,
      namespace: ns.name,
    });
    expect(JSON.parse(record.data?.status ?? "{}").status).toBe("failed");
    // The attached client wrote the log of the job it saw end.
    expect(result.stdout).toMatch(/deploy\s+deploy\s+failed\s+\S+\s+3/);
    // Across its watching and its scheduling, each state line and each log line once.
    expectPrintedOnce(result.stdout);
    expectSavedOnce(directory, runId);
  });

  it("after the client was SIGKILLed, its Lease expired: takes over at once, prints each line once", async () => {
    const runId = uniqueRunId("late");
    const directory = await prepare(runId);
    const { child, exit } = await startRun(directory, runId);
    child.kill("SIGKILL");
    await exit;
    await renewedAgo(runId, 60_000);
    const result = await run(attachArgs(runId, testKubeconfigPath()), directory);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(stateLines(result.stdout)[0]).toBe(
      `[att] run ${runId} in namespace ${ns.name}: 2 jobs (record configmap/att-run-${runId})`,
    );
    expectPrintedOnce(result.stdout);
    expectSavedOnce(directory, runId);
  });

  it("with the first client alive: the attached one only watches (no release), both exit 1", async () => {
    const runId = uniqueRunId("two");
    // build runs longer than a Lease term: the attached client's first watch ends with the term
    // it saw, it finds the Lease renewed, and watches on.
    const directory = await prepare(runId, pipelineWithBuildOf(20));
    const { exit } = await startRun(directory, runId);
    const kubeconfig = join(directory, "proxy.kubeconfig");
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
          { name: "proxy", cluster: { server: proxy.server, "insecure-skip-tls-verify": true } },
        ],
        users: [{ name: "proxy", user: {} }],
        contexts: [{ name: "proxy", context: { cluster: "proxy", user: "proxy" } }],
        "current-context": "proxy",
      }),
    );
    const from = proxy.requests.length;
    const attached = await run(attachArgs(runId, kubeconfig), directory);
    const first = await exit;
    expect(attached.stderr).toBe("");
    expect(attached.code).toBe(1);
    expect(first).toBe(1);
    expect(stateLines(attached.stdout)).toContain("[att] deploy: failed, exit code 3");
    expectPrintedOnce(attached.stdout);
    const writes = proxy.requests
      .slice(from)
      .filter((request) => request.method !== "GET" && request.path.includes("/jobs/"));
    expect(writes).toEqual([]);
  });

  it("Ctrl-C (SIGTERM) while only watching: lets go with one line, exit 130; the run goes on", async () => {
    const runId = uniqueRunId("go");
    const directory = await prepare(runId, pipelineWithBuildOf(20));
    const { exit } = await startRun(directory, runId);
    const child = spawn(
      process.execPath,
      [join(repoRoot, "packages/cli/bin/pipecraft.js"), ...attachArgs(runId, testKubeconfigPath())],
      { cwd: directory, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    let terminated = false;
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      // Once it follows build's log: a second SIGTERM would exit at once, without the line.
      if (!terminated && stdout.includes("build  | fixed content\n")) {
        terminated = true;
        child.kill("SIGTERM");
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(stderr, stdout).toBe(
      `pipecraft run: let go of run ${runId}; it goes on, scheduled by another client (pipecraft run --attach ${runId} to follow it again)\n`,
    );
    expect(code).toBe(130);
    expect(stdout).not.toContain("pipeline failed");
    // The first client was not disturbed: it runs the pipeline to its end.
    expect(await exit).toBe(1);
  });

  it("an unknown run: one line naming the runs there are", async () => {
    const directory = await makeProject({ "pipeline.ts": pipeline });
    projects.push(directory);
    const result = await run(attachArgs("nope", testKubeconfigPath()), directory);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^pipecraft run: no run "nope" in namespace "${ns.name}"; its runs: `),
    );
  });

  it("a record without a readable plan cannot be attached to: one line saying so", async () => {
    await core.createNamespacedConfigMap({
      namespace: ns.name,
      body: {
        metadata: {
          name: "att-run-broken",
          labels: {
            "pipecraft.dev/record": "run",
            "pipecraft.dev/pipeline": "att",
            "pipecraft.dev/run-id": "broken",
          },
        },
        data: { plan: "{not json", status: '{"status":"running","jobs":[]}' },
      },
    });
    const directory = await makeProject({ "pipeline.ts": pipeline });
    projects.push(directory);
    const result = await run(attachArgs("broken", testKubeconfigPath()), directory);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "pipecraft run: run broken's record configmap/att-run-broken has no readable plan; it cannot be attached to\n",
    });
  });

  it("a client whose owner Lease another client took stops with one line naming --attach", async () => {
    const runId = uniqueRunId("lost");
    const volumeNames: string[] = [];
    let leaseTaken = false;
    const error = await runCase(
      kc,
      ns.name,
      {
        jobs: {
          build: {
            stage: "test",
            image: "busybox",
            script: ["make"],
            kubernetes: kwok({ seconds: 60 }),
          },
        },
      },
      {
        runId,
        name: "att",
        volumes: volumeNames,
        onEvent: (event) => {
          if (leaseTaken || event.type !== "job" || event.status !== "running") return;
          leaseTaken = true;
          void (async () => {
            const name = `att-run-${runId}`;
            const lease = await coordination.readNamespacedLease({ name, namespace: ns.name });
            await coordination.replaceNamespacedLease({
              name,
              namespace: ns.name,
              body: { ...lease, spec: { ...lease.spec, holderIdentity: "intruder" } },
            });
          })();
        },
      },
    ).catch((e: unknown) => e);
    volumes.push(...volumeNames);
    expect(leaseTaken).toBe(true);
    expect((error as Error).message).toBe(
      `this client no longer holds run ${runId}'s owner Lease (another client took the run over); follow it with pipecraft run --attach ${runId} --namespace ${ns.name}`,
    );
  });
});
