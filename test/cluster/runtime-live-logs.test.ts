// The live logs of `pipecraft run`: each job's Pod log is followed while it runs and arrives as
// `log` events, across followed streams that a proxy cuts in the middle of a line (kwok's fake
// logs ignore sinceTime and always answer from the start, so the client must drop what it has
// already printed, by the lines' timestamps). The saved log files hold the same lines.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CoreV1Api } from "@kubernetes/client-node";
import type { RunEvent } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, repoRoot, run } from "../../packages/cli/test/project.js";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.js";
import { POD_LOG_LINES } from "./harness.js";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig, testKubeconfigPath } from "./kubeconfig.js";
import { kwok, provideVolume, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
let ns: { name: string; remove: () => Promise<void> };
let faults: FaultProxy;
const volumes: string[] = [];
const projects: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-logs");
  faults = await startFaultProxy(kc);
});
afterAll(async () => {
  await faults?.close();
  await ns?.remove();
  const core = kc.makeApiClient(CoreV1Api);
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
  for (const project of projects) await removeProject(project);
});

const image = "busybox:1.36";
const pipeline = {
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", image, script: ["make"], kubernetes: kwok({ seconds: 3 }) },
    unit: { stage: "test", image, script: ["make test"], kubernetes: kwok({ seconds: 2 }) },
    lint: { stage: "test", image, script: ["make lint"], kubernetes: kwok({ exit: 1 }) },
  },
};

/** Each job's live lines, in arrival order. */
function liveLines(events: readonly RunEvent[]): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  for (const event of events) {
    if (event.type !== "log") continue;
    lines.set(event.job, [...(lines.get(event.job) ?? []), event.line]);
  }
  return lines;
}

describe.skipIf(testClusterKind() !== "local")("pipecraft run: live logs", () => {
  it("follows each job's log once, though every followed stream is cut mid-line", async () => {
    // The first line with its timestamp is about 75 bytes: each followed stream is cut inside
    // the second line, so that line only arrives complete from a later request.
    faults.setFaults({ logCutAfterBytes: 90 });
    const from = faults.requests.length;
    let r: Awaited<ReturnType<typeof runCase>>;
    try {
      r = await runCase(faults.kubeConfig(), ns.name, pipeline, {
        runId: uniqueRunId("cut"),
        volumes,
        followLogs: { services: false },
      });
    } finally {
      faults.setFaults({});
    }
    expect(faults.injected.cutLogs).toBeGreaterThan(0);
    const lines = liveLines(r.events);
    expect([...lines.keys()].sort()).toEqual(["build", "lint", "unit"]);
    for (const job of ["build", "unit", "lint"]) {
      expect(lines.get(job)).toEqual(POD_LOG_LINES);
      // Written from the followed lines: kwok's lines, each once, each with its newline.
      const saved = readFileSync(join(r.logDirectory, `${job}.log`), "utf8");
      expect(saved).toBe(POD_LOG_LINES.map((line) => `${line}\n`).join(""));
    }
    // Every log request was a follower's (timestamped): the files cost no read of their own.
    const logRequests = faults.requests.slice(from).filter((q) => q.path.endsWith("/log"));
    expect(logRequests.filter((q) => q.query.get("timestamps") !== "true")).toEqual([]);
    // Each follower's last request is a plain read, once its container has ended.
    const plainReads = logRequests.filter((q) => q.query.get("follow") === "false");
    expect(plainReads.map((q) => q.path.split("/")[6]).sort()).toEqual(
      [...new Set(logRequests.map((q) => q.path.split("/")[6]))].sort(),
    );
    // A job's lines come before the summary, which stays the last event.
    expect(r.events.at(-1)?.type).toBe("summary");
    expect(r.result.status).toBe("failed");
    // The exit codes, from the Pods as the live logs' Pod watch saw them (or listed).
    const codes = Object.fromEntries(r.result.jobs.map((job) => [job.job, job.exitCode]));
    expect(codes).toEqual({ build: 0, unit: 0, lint: 1 });
  });

  it("without followLogs a run sends no log request", async () => {
    const from = faults.requests.length;
    const r = await runCase(faults.kubeConfig(), ns.name, pipeline, {
      runId: uniqueRunId("nolog"),
      volumes,
    });
    expect(liveLines(r.events).size).toBe(0);
    const followed = faults.requests.slice(from).filter((q) => q.path.endsWith("/log"));
    // The saved logs: one plain read per job, after it finished.
    expect(followed).toHaveLength(3);
    expect(followed.every((q) => q.query.get("follow") === null)).toBe(true);
  });

  it("pipecraft run prints each job's lines live with an aligned prefix; --service-logs adds the services'", async () => {
    const directory = await makeProject({
      "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "live" },
  jobs: {
    integration: { stage: "test", image: "busybox", script: ["make it"], services: [{ name: "postgres:16", alias: "db" }], kubernetes: { annotations: { "pipecraft.dev/run-duration": "2s" } } },
  },
});
`,
    });
    projects.push(directory);
    const runId = uniqueRunId("svc");
    volumes.push(
      await provideVolume(kc, ns.name, {
        metadata: { name: `live-${runId}-workspace` },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      }),
    );
    const result = await run(
      [
        "run",
        "--kubeconfig",
        testKubeconfigPath(),
        "--namespace",
        ns.name,
        "--run-id",
        runId,
        "--service-logs",
      ],
      directory,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    // Not a terminal: no colour. The prefix is as wide as the longest, `integration/db`.
    expect(lines.filter((line) => line.includes(" | ")).sort()).toEqual(
      [
        ...POD_LOG_LINES.map((line) => `integration    | ${line}`),
        ...POD_LOG_LINES.map((line) => `integration/db | ${line}`),
      ].sort(),
    );
    expect(result.stdout).not.toContain("\u001b[");
    // The job's lines come while it runs: after `running`, before the summary.
    const running = lines.indexOf("[live] integration: running");
    const first = lines.indexOf(`integration    | ${POD_LOG_LINES[0]}`);
    expect(running).toBeGreaterThan(0);
    expect(first).toBeGreaterThan(running);
    expect(first).toBeLessThan(lines.findIndex((line) => line.startsWith("JOB ")));
  });

  it.skipIf(!hasScript())(
    "on a terminal (a pseudo-terminal from script(1)): a table redrawn in place, coloured prefixes",
    async () => {
      const directory = await makeProject({
        "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "tty" },
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", image: "busybox", script: ["make"], kubernetes: { annotations: { "pipecraft.dev/run-duration": "2s" } } },
    test: { stage: "test", image: "busybox", script: ["make test"] },
  },
});
`,
      });
      projects.push(directory);
      const runId = uniqueRunId("tty");
      volumes.push(
        await provideVolume(kc, ns.name, {
          metadata: { name: `tty-${runId}-workspace` },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
        }),
      );
      const command = [
        process.execPath,
        join(repoRoot, "packages/cli/bin/pipecraft.js"),
        "run",
        "--kubeconfig",
        testKubeconfigPath(),
        "--namespace",
        ns.name,
        "--run-id",
        runId,
      ]
        .map((arg) => `'${arg}'`)
        .join(" ");
      const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>(
        (resolve) => {
          let out = "";
          const child = spawn("script", ["-qfec", command, "/dev/null"], {
            cwd: directory,
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, NO_COLOR: "" },
          });
          child.stdout.on("data", (chunk) => {
            out += chunk;
          });
          child.on("exit", (exit) => resolve({ code: exit, stdout: out }));
        },
      );
      const ESC = String.fromCharCode(27);
      expect(code).toBe(0);
      // The table is drawn, erased (n lines up, clear to the end) and drawn again …
      expect(stdout).toContain(`${ESC}[J`);
      expect(stdout).toMatch(new RegExp(`${ESC}\\[4F${ESC}\\[J`));
      expect(stdout).toContain(`[tty] run ${runId}: 0/2 jobs finished`);
      expect(stdout).toContain(`[tty] run ${runId}: 2/2 jobs finished`);
      // … instead of one scrolling line per change.
      expect(stdout).not.toContain("[tty] build: running");
      // The log prefixes are coloured, one colour per job.
      expect(stdout).toContain(`${ESC}[36mbuild |${ESC}[0m ${POD_LOG_LINES[0]}`);
      expect(stdout).toContain(`${ESC}[33mtest  |${ESC}[0m ${POD_LOG_LINES[0]}`);
      expect(stdout).toContain(`pipeline success (run ${runId})`);
    },
  );
});

/** True when util-linux's script(1) is there to give a command a pseudo-terminal. */
function hasScript(): boolean {
  return spawnSync("script", ["--version"]).status === 0;
}
