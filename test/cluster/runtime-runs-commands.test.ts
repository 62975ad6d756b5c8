// `pipecraft cancel`, `runs`, `delete` and `logs` against the real control plane: cancel from
// another terminal with the run's client alive and after it was SIGKILLed, the list of runs,
// deleting a run (the garbage collector removes its Jobs), and a job's log read from the cluster.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, repoRoot, run } from "../../packages/cli/test/project.js";
import { POD_LOG_LINES } from "./harness.js";
import { createNamespace, waitFor } from "./helpers.js";
import { testClusterKind, testKubeConfig, testKubeconfigPath } from "./kubeconfig.js";
import { provideVolume, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
const batch = kc.makeApiClient(BatchV1Api);
const core = kc.makeApiClient(CoreV1Api);
let ns: { name: string; remove: () => Promise<void> };
const volumes: string[] = [];
const projects: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-cmds");
});
afterAll(async () => {
  await ns?.remove();
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
  for (const project of projects) await removeProject(project);
});

const longBuild = `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "cmd" },
  stages: ["build", "deploy"],
  jobs: {
    build: { stage: "build", image: "busybox", script: ["sleep 600"], kubernetes: { annotations: { "pipecraft.dev/run-duration": "600s" } } },
    deploy: { stage: "deploy", image: "busybox", script: ["make deploy"] },
  },
});
`;

const quick = `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "cmd" },
  jobs: { build: { stage: "test", image: "busybox", script: ["make"] } },
});
`;

const cluster = () => ["--kubeconfig", testKubeconfigPath(), "--namespace", ns.name];

async function project(pipeline: string): Promise<string> {
  const directory = await makeProject({ "pipeline.ts": pipeline });
  projects.push(directory);
  return directory;
}

async function volumeFor(runId: string): Promise<void> {
  const name = await provideVolume(kc, ns.name, {
    metadata: { name: `cmd-${runId}-workspace` },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  });
  volumes.push(name);
}

/** Starts `pipecraft run` as its own process; resolves once its build job is running. */
async function startRun(
  directory: string,
  runId: string,
): Promise<{ child: ChildProcess; output: () => string; exit: Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, "packages/cli/bin/pipecraft.js"), "run", ...cluster(), "--run-id", runId],
    { cwd: directory, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("[cmd] build: running\n")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`run exited early (${code}):\n${stdout}`)));
  });
  return { child, output: () => stdout, exit };
}

async function runJobs(runId: string) {
  const jobs = await batch.listNamespacedJob({
    namespace: ns.name,
    labelSelector: `pipecraft.dev/run-id=${runId}`,
  });
  return jobs.items.map((job) => job.metadata?.name ?? "").sort();
}

async function runPods(runId: string) {
  const pods = await core.listNamespacedPod({
    namespace: ns.name,
    labelSelector: `pipecraft.dev/run-id=${runId}`,
  });
  return pods.items.map((pod) => pod.metadata?.name ?? "");
}

async function recordStatus(runId: string): Promise<string | undefined> {
  const record = await core.readNamespacedConfigMap({
    name: `cmd-run-${runId}`,
    namespace: ns.name,
  });
  return (JSON.parse(record.data?.status ?? "{}") as { status?: string }).status;
}

describe.skipIf(testClusterKind() !== "local")("pipecraft cancel, runs, delete, logs", () => {
  const alive = uniqueRunId("alive");
  const killed = uniqueRunId("killed");
  const done = uniqueRunId("done");

  it("cancel RUN from another terminal: the live client cancels its side and exits 130", async () => {
    const directory = await project(longBuild);
    await volumeFor(alive);
    const started = await startRun(directory, alive);
    const result = await run(["cancel", alive, ...cluster()], directory);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      `canceled run ${alive} of cmd: 2 unfinished jobs deleted, record cmd-run-${alive} marked canceled\n`,
    );
    expect(result.code).toBe(0);
    expect(await started.exit).toBe(130);
    expect(started.output()).toContain("[cmd] build: canceled, the run was canceled");
    expect(started.output()).toContain(`pipeline canceled (run ${alive})`);
    await waitFor("the run's Pods to go", async () =>
      (await runPods(alive)).length === 0 ? true : undefined,
    );
    expect(await runJobs(alive)).toEqual([]);
    expect(await recordStatus(alive)).toBe("canceled");
  });

  it("cancel RUN after its client was SIGKILLed: no Job or Pod of the run is left running", async () => {
    const directory = await project(longBuild);
    await volumeFor(killed);
    const started = await startRun(directory, killed);
    started.child.kill("SIGKILL");
    await started.exit;
    expect(await recordStatus(killed)).toBe("running");
    const result = await run(["cancel", killed, ...cluster()], directory);
    expect(result.stdout).toBe(
      `canceled run ${killed} of cmd: 2 unfinished jobs deleted, record cmd-run-${killed} marked canceled\n`,
    );
    expect(result.code).toBe(0);
    await waitFor("the run's Pods to go", async () =>
      (await runPods(killed)).length === 0 ? true : undefined,
    );
    expect(await runJobs(killed)).toEqual([]);
    expect(await recordStatus(killed)).toBe("canceled");

    const again = await run(["cancel", killed, ...cluster()], directory);
    expect(again.stderr).toBe(
      `run ${killed} of cmd has already ended (canceled); nothing to cancel\n`,
    );
    expect(again.code).toBe(0);
  });

  it("logs JOB --run ID reads the Pod's log from the cluster when no file is here", async () => {
    const directory = await project(quick);
    await volumeFor(done);
    const ran = await run(["run", ...cluster(), "--run-id", done], directory);
    expect(ran.code).toBe(0);
    const elsewhere = await project(quick);
    const result = await run(["logs", "build", "--run", done, ...cluster()], elsewhere);
    expect(result.stderr).toBe("");
    expect(result.stdout.trimEnd().split("\n")).toEqual(POD_LOG_LINES);
    expect(result.code).toBe(0);

    const missing = await run(["logs", "nope", "--run", done, ...cluster()], elsewhere);
    expect(missing.stderr).toBe(`pipecraft logs: run ${done} has no job "nope"; its jobs: build\n`);
    expect(missing.code).toBe(1);
  });

  it("runs lists every run of the namespace with its status", async () => {
    const directory = await project(quick);
    const result = await run(["runs", ...cluster()], directory);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]?.split(/\s+/)).toEqual(["RUN", "PIPELINE", "STATUS", "STARTED", "DURATION"]);
    const rows = new Map(lines.slice(1).map((line) => [line.split(/\s+/)[0], line.split(/\s+/)]));
    expect(rows.get(alive)?.slice(1, 3)).toEqual(["cmd", "canceled"]);
    expect(rows.get(killed)?.slice(1, 3)).toEqual(["cmd", "canceled"]);
    expect(rows.get(done)?.slice(1, 3)).toEqual(["cmd", "success"]);
    expect(result.code).toBe(0);

    const json = await run(["runs", "--output", "json", ...cluster()], directory);
    const events = json.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { runId: string; status: string; record: string });
    expect(events.find((event) => event.runId === done)).toMatchObject({
      status: "success",
      record: `cmd-run-${done}`,
    });
  });

  it("cancel and delete name the runs there are when the id is unknown", async () => {
    // Oldest first; runs started in the same second in id order, so `done` need not be last.
    const directory = await project(quick);
    const result = await run(["cancel", "nope", ...cluster()], directory);
    expect(result.stderr).toMatch(
      new RegExp(
        `^pipecraft cancel: no run "nope" in namespace "${ns.name}"; its runs: [^;]*${done}[^;]*; list them with pipecraft runs --namespace ${ns.name}\\n$`,
      ),
    );
    expect(result.code).toBe(1);
  });

  it("delete RUN removes the record, and the garbage collector the run's Jobs", async () => {
    const directory = await project(quick);
    expect(await runJobs(done)).toEqual([`cmd-${done}-build`]);
    const result = await run(["delete", done, ...cluster()], directory);
    expect(result.stdout).toBe(`deleted run ${done} of cmd (success)\n`);
    expect(result.code).toBe(0);
    await waitFor("the garbage collector to remove the run's Jobs", async () =>
      (await runJobs(done)).length === 0 ? true : undefined,
    );
    const finished = await run(["delete", "--finished", ...cluster()], directory);
    expect(finished.stdout.split("\n").sort().join("\n")).toBe(
      [
        "",
        `deleted run ${alive} of cmd (canceled)`,
        `deleted run ${killed} of cmd (canceled)`,
      ].join("\n"),
    );
    const none = await run(["delete", "--finished", ...cluster()], directory);
    expect(none.stderr).toBe(`no run in namespace "${ns.name}" matches\n`);
    expect(none.code).toBe(0);
  });
});
