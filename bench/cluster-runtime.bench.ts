// The runtime on the test control plane (not part of `pnpm bench`: it starts a cluster). Prints
// markdown for the README:
//   node --expose-gc --import tsx bench/cluster-runtime.bench.ts [--jobs 500,1000] [--chain 40]
//     [--apply 200] [--reps 5] [--only chain,fan,apply] [--fan cli,logs,no-logs] [--cli PATH]
//     [--before PATH]
//   (PATH: another checkout's packages/cli/bin/pipecraft.js, for before/after figures)
// - dispatch latency: a chain of jobs, each needing the one before; for each link, the time from
//   the needed Job's completion to the dependent's release (spec.suspend false), both as an
//   independent watch in this process sees them;
// - fan-out/fan-in: 1 + N-2 + 1 jobs over three stages, run by the CLI as a user runs it (a
//   separate `pipecraft run` process, live logs on, through a counting proxy): wall time minus the
//   critical path, API requests per job, the process's peak RSS (`/usr/bin/time`, VmHWM); and,
//   with `--fan logs,no-logs`, the same pipeline run in this process (`runPipeline`) through the
//   proxy, with and without live logs, for the requests per job of each;
// - apply of the Kubernetes target of N jobs: `pipecraft apply` (the CLI process) against
//   `kubectl apply --server-side` of the same synthesized file (kubectl built by
//   test/cluster/build.sh), alternating, fresh (create) and unchanged re-apply, medians.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type KubeConfig, Watch } from "@kubernetes/client-node";
import type { PipelineInput } from "pipecraft";
import { makeProject, repoRoot } from "../packages/cli/test/project.js";
import { type SeenRequest, startFaultProxy } from "../test/cluster/fault-proxy.js";
import { ensureBinaries, startCluster } from "../test/cluster/harness.js";
import { createNamespace } from "../test/cluster/helpers.js";
import { provideVolume, runCase, uniqueRunId } from "../test/cluster/runtime-support.js";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "500,1000" },
    chain: { type: "string", default: "40" },
    apply: { type: "string", default: "200" },
    reps: { type: "string", default: "5" },
    only: { type: "string", default: "chain,fan,apply" },
    // How the fan-out runs: the CLI process (live logs), in process with or without live logs.
    fan: { type: "string", default: "cli,logs,no-logs" },
    // Another checkout's CLI (its packages/cli/bin/pipecraft.js), for before/after figures.
    cli: { type: "string" },
    // Another checkout's CLI, run beside this one in the apply case.
    before: { type: "string" },
  },
});
const only = new Set(values.only.split(","));

/** A project's pipeline.ts: 1 + n-2 + 1 jobs over three stages (kubernetes name "fan"). */
function fanPipeline(n: number): string {
  return `import { pipeline } from "pipecraft";
const jobs: Record<string, { stage: string; image: string; script: string[] }> = {
  start: { stage: "a", image: "${image}", script: ["true"] },
  end: { stage: "c", image: "${image}", script: ["true"] },
};
for (let i = 0; i < ${n - 2}; i++) jobs[\`w\${i}\`] = { stage: "b", image: "${image}", script: ["true"] };
export default pipeline({ kubernetes: { name: "fan" }, stages: ["a", "b", "c"], jobs });
`;
}

/** A project's pipeline.ts: n independent jobs of one stage (kubernetes name "ap"). */
function applyPipeline(n: number): string {
  return `import { pipeline } from "pipecraft";
const jobs: Record<string, { stage: string; image: string; script: string[] }> = {};
for (let i = 0; i < ${n}; i++) jobs[\`j\${i}\`] = { stage: "s", image: "${image}", script: ["true"] };
export default pipeline({ kubernetes: { name: "ap" }, stages: ["s"], jobs });
`;
}

const cli = values.cli ?? join(repoRoot, "packages/cli/bin/pipecraft.js");

/**
 * Runs `command args` in `cwd` under /usr/bin/time; its exit code, wall time in ms, CPU time (user
 * + system, with its children) in ms, and stderr. The CPU time holds still on a loaded machine,
 * where the wall time varies by two or three times.
 */
async function timed(command: string, args: string[], cwd: string) {
  const report = join(cwd, ".cpu-time");
  const t0 = performance.now();
  const child = spawn("/usr/bin/time", ["-o", report, "-f", "%U %S", command, ...args], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  const ms = performance.now() - t0;
  const [user = "0", system = "0"] = readFileSync(report, "utf8").trim().split(/\s+/).slice(-2);
  return { code, ms, cpuMs: (Number(user) + Number(system)) * 1000, stderr };
}

/** Runs the CLI with `args` in `cwd` under /usr/bin/time: exit code, peak RSS, CPU time. */
async function cliProcess(cwd: string, args: string[]) {
  const report = join(cwd, ".time");
  const child = spawn(
    "/usr/bin/time",
    ["-o", report, "-f", "%M %U %S", process.execPath, cli, ...args],
    { cwd, stdio: ["ignore", "pipe", "pipe"] },
  );
  let lines = 0;
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) lines++;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  const [rss = "0", user = "0", system = "0"] = readFileSync(report, "utf8")
    .trim()
    .split(/\s+/)
    .slice(-3);
  return {
    code,
    lines,
    stderr,
    maxRssKb: Number(rss),
    cpuSeconds: Number(user) + Number(system),
  };
}
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const image = "busybox:1.36";

/** Watches every Job of `namespace`: when each was released and when it completed (ms). */
async function jobTimes(kc: KubeConfig, namespace: string) {
  const released = new Map<string, number>();
  const completed = new Map<string, number>();
  const request = await new Watch(kc).watch(
    `/apis/batch/v1/namespaces/${namespace}/jobs`,
    {},
    (
      _type,
      job: {
        metadata?: { name?: string };
        spec?: { suspend?: boolean };
        status?: { conditions?: { type: string; status: string }[] };
      },
    ) => {
      const now = performance.now() + performance.timeOrigin;
      const name = job.metadata?.name ?? "";
      if (job.spec?.suspend === false && !released.has(name)) released.set(name, now);
      const done = job.status?.conditions?.some(
        (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
      );
      if (done && !completed.has(name)) completed.set(name, now);
    },
    () => {},
  );
  return { released, completed, stop: () => request.abort() };
}

/** The requests by kind (method, watch, path with the namespace and object names left out). */
function requestKinds(requests: readonly SeenRequest[]): string {
  const byKind = new Map<string, number>();
  for (const r of requests) {
    const kind = `${r.method} ${r.watch ? "watch " : ""}${r.path.replace(/\/namespaces\/[^/]+/, "/ns").replace(/\/(jobs|configmaps|persistentvolumeclaims|pods|leases)\/[^/]+/, "/$1/NAME")}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return [...byKind]
    .sort((a, b) => b[1] - a[1])
    .map(([k, c]) => `${k} ×${c}`)
    .join("; ");
}

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

const cluster = await startCluster({ log });
const kc = cluster.kubeConfig();
const proxy = await startFaultProxy(kc);
const volumes: string[] = [];
const rows: string[] = [];
try {
  // Dispatch latency.
  if (only.has("chain")) {
    const ns = await createNamespace(kc, "bench-chain");
    const n = Number(values.chain);
    const jobs: PipelineInput["jobs"] = {};
    for (let i = 0; i < n; i++) {
      jobs[`j${i}`] = {
        stage: "s",
        image,
        script: ["true"],
        ...(i === 0 ? { needs: [] } : { needs: [`j${i - 1}`] }),
      };
    }
    const times = await jobTimes(kc, ns.name);
    const run = await runCase(
      kc,
      ns.name,
      { stages: ["s"], jobs },
      { runId: uniqueRunId("chain"), volumes },
    );
    times.stop();
    const object = (job: string) =>
      run.planned.plan?.jobs.find((j) => j.name === job)?.objectName ?? "";
    const latencies: number[] = [];
    for (let i = 1; i < n; i++) {
      const done = times.completed.get(object(`j${i - 1}`));
      const next = times.released.get(object(`j${i}`));
      if (done !== undefined && next !== undefined) latencies.push(next - done);
    }
    latencies.sort((a, b) => a - b);
    rows.push(
      `Dispatch latency (needed Job complete → dependent released), ${latencies.length} links: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms (run ${run.result.status})`,
    );
    log(rows.at(-1) ?? "");
    await ns.remove();
  }

  // Fan-out / fan-in in process (runPipeline) through the counting proxy, with or without live
  // logs: the requests per job of each.
  const fanModes = new Set(values.fan.split(","));
  for (const n of only.has("fan") ? values.jobs.split(",").map(Number) : []) {
    for (const mode of ["no-logs", "logs"] as const) {
      if (!fanModes.has(mode)) continue;
      const ns = await createNamespace(kc, "bench-fan");
      const jobs: PipelineInput["jobs"] = {
        start: { stage: "a", image, script: ["true"] },
        end: { stage: "c", image, script: ["true"] },
      };
      for (let i = 0; i < n - 2; i++) jobs[`w${i}`] = { stage: "b", image, script: ["true"] };
      const from = proxy.requests.length;
      const started = performance.now();
      const run = await runCase(
        proxy.kubeConfig(),
        ns.name,
        { stages: ["a", "b", "c"], jobs },
        {
          runId: uniqueRunId("fan"),
          volumes,
          admin: kc,
          ...(mode === "logs" ? { followLogs: { services: false } } : {}),
        },
      );
      const wall = performance.now() - started;
      const requests = proxy.requests.slice(from);
      rows.push(
        `${n}-job fan-out/fan-in in process, ${mode === "logs" ? "live logs" : "no live logs"} (run ${run.result.status}, wall ${(wall / 1000).toFixed(1)} s): ${requests.length} API requests = ${(requests.length / n).toFixed(2)} per job`,
      );
      rows.push(`Requests by kind: ${requestKinds(requests)}`);
      log(rows.at(-2) ?? "");
      log(rows.at(-1) ?? "");
      rmSync(run.logDirectory, { recursive: true, force: true });
      await ns.remove();
    }
  }

  // Fan-out / fan-in: the CLI process through the counting proxy.
  for (const n of only.has("fan") && fanModes.has("cli")
    ? values.jobs.split(",").map(Number)
    : []) {
    const ns = await createNamespace(kc, "bench-fan");
    const runId = uniqueRunId("fan");
    const directory = await makeProject({ "pipeline.ts": fanPipeline(n) });
    volumes.push(
      await provideVolume(kc, ns.name, {
        metadata: { name: `fan-${runId}-workspace` },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      }),
    );
    writeFileSync(join(directory, "proxy.kubeconfig"), proxy.kubeConfig().exportConfig());
    const times = await jobTimes(kc, ns.name);
    const from = proxy.requests.length;
    const started = performance.now() + performance.timeOrigin;
    const process_ = await cliProcess(directory, [
      "run",
      "--kubeconfig",
      "proxy.kubeconfig",
      "--namespace",
      ns.name,
      "--run-id",
      runId,
    ]);
    const ended = performance.now() + performance.timeOrigin;
    times.stop();
    const requests = proxy.requests.slice(from);
    const objectName = (job: string) => `fan-${runId}-${job}`;
    const duration = (job: string) => {
      const a = times.released.get(objectName(job));
      const b = times.completed.get(objectName(job));
      return a !== undefined && b !== undefined ? b - a : 0;
    };
    const workers = Array.from({ length: n - 2 }, (_, i) => `w${i}`);
    const critical = duration("start") + Math.max(...workers.map(duration)) + duration("end");
    const wall = ended - started;
    rows.push(
      `${n}-job fan-out/fan-in, \`pipecraft run\` process (exit ${process_.code}, ${process_.lines} output lines): wall ${(wall / 1000).toFixed(1)} s, critical path ${(critical / 1000).toFixed(1)} s, overhead ${((wall - critical) / 1000).toFixed(1)} s; ${requests.length} API requests = ${(requests.length / n).toFixed(2)} per job; client peak RSS ${(process_.maxRssKb / 1024).toFixed(0)} MiB, CPU ${process_.cpuSeconds.toFixed(1)} s`,
    );
    rows.push(`Requests by kind: ${requestKinds(requests)}`);
    log(rows.at(-2) ?? "");
    log(rows.at(-1) ?? "");
    if (process_.stderr !== "") log(`stderr of the run: ${process_.stderr}`);
    rmSync(directory, { recursive: true, force: true });
    await ns.remove();
  }

  // apply of N Jobs: pipecraft apply against kubectl apply --server-side, alternating.
  if (only.has("apply")) {
    const n = Number(values.apply);
    const reps = Number(values.reps);
    const loadAtStart = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    const kubectl = join(process.env.PIPECRAFT_K8S_BIN ?? ensureBinaries(log), "kubectl");
    const directory = await makeProject({ "pipeline.ts": applyPipeline(n) });
    writeFileSync(join(directory, "admin.kubeconfig"), readFileSync(cluster.kubeconfigPath));
    const synth = await cliProcess(directory, ["synth", "--target", "kubernetes"]);
    if (synth.code !== 0) throw new Error(`synth failed: ${synth.stderr}`);
    const cacheDir = mkdtempSync(join(tmpdir(), "bench-kubectl-cache-"));
    const kubectlArgs = (ns: string) => [
      "--kubeconfig",
      "admin.kubeconfig",
      "--cache-dir",
      cacheDir,
      "apply",
      "--server-side",
      "-f",
      "kubernetes.yaml",
      "-n",
      ns,
    ];
    const pipecraftArgs = (ns: string) => [
      "apply",
      "--kubeconfig",
      "admin.kubeconfig",
      "--namespace",
      ns,
    ];
    // kubectl's discovery cache warmed once, as on a user's machine.
    const warm = await createNamespace(kc, "bench-apply");
    await timed(kubectl, kubectlArgs(warm.name), directory);
    await warm.remove();
    // Each tool as [command, arguments]; the order rotates every repetition.
    const tools = new Map<string, (ns: string) => [string, string[]]>([
      ["pipecraft apply", (ns) => [process.execPath, [cli, ...pipecraftArgs(ns)]]],
      [
        "pipecraft apply --burst 300",
        (ns) => [process.execPath, [cli, ...pipecraftArgs(ns), "--burst", "300"]],
      ],
      ["kubectl apply --server-side", (ns) => [kubectl, kubectlArgs(ns)]],
    ]);
    if (values.before !== undefined) {
      tools.set("before: pipecraft apply", (ns) => [
        process.execPath,
        [values.before ?? "", ...pipecraftArgs(ns)],
      ]);
    }
    const samples = new Map(
      [...tools.keys()].map((tool) => [tool, { fresh: [] as number[], again: [] as number[] }]),
    );
    const cpu = new Map(
      [...tools.keys()].map((tool) => [tool, { fresh: [] as number[], again: [] as number[] }]),
    );
    for (let rep = 0; rep < reps; rep++) {
      const names = [...tools.keys()];
      const order = names.map((_, i) => names[(i + rep) % names.length] ?? "");
      for (const tool of order) {
        const ns = await createNamespace(kc, "bench-apply");
        const [command, args] = tools.get(tool)?.(ns.name) ?? ["", []];
        for (const phase of ["fresh", "again"] as const) {
          const t = await timed(command, args, directory);
          if (t.code !== 0) throw new Error(`${tool} failed: ${t.stderr}`);
          samples.get(tool)?.[phase].push(t.ms);
          cpu.get(tool)?.[phase].push(t.cpuMs);
        }
        await ns.remove();
      }
    }
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(directory, { recursive: true, force: true });
    const med = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    };
    const kubectlSamples = samples.get("kubectl apply --server-side") ?? { fresh: [], again: [] };
    for (const phase of ["fresh", "again"] as const) {
      const base = med(kubectlSamples[phase]);
      rows.push(
        `apply of ${n} jobs' kubernetes.yaml (${n + 1} objects), ${phase === "fresh" ? "create" : "unchanged re-apply"}, median of ${reps} (× = against kubectl): ${[
          ...samples,
        ]
          .map(
            ([tool, xs]) =>
              `${tool} ${(med(xs[phase]) / 1000).toFixed(2)} s (${(med(xs[phase]) / base).toFixed(2)}×) [${xs[phase].map((x) => (x / 1000).toFixed(2)).join(", ")}]`,
          )
          .join("; ")}`,
      );
      log(rows.at(-1) ?? "");
      rows.push(
        `  CPU time of the process (user + system), ${phase === "fresh" ? "create" : "unchanged re-apply"}, median: ${[
          ...cpu,
        ]
          .map(([tool, xs]) => `${tool} ${(med(xs[phase]) / 1000).toFixed(2)} s`)
          .join("; ")}`,
      );
      log(rows.at(-1) ?? "");
    }
    const loadAtEnd = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    rows.push(`  load average: ${loadAtStart} at the start, ${loadAtEnd} at the end`);
    log(rows.at(-1) ?? "");
  }
} finally {
  process.stdout.write(`${rows.map((r) => `- ${r}`).join("\n")}\n`);
  await proxy.close();
  await cluster.stop();
}
