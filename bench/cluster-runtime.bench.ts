// The runtime on the test control plane (not part of `pnpm bench`: it starts a cluster). Prints
// markdown for the README:
//   npx tsx bench/cluster-runtime.bench.ts [--jobs 500] [--chain 40] [--apply 200]
// - dispatch latency: a chain of jobs, each needing the one before; for each link, the time from
//   the needed Job's completion to the dependent's release (spec.suspend false), both as an
//   independent watch in this process sees them;
// - fan-out/fan-in: 1 + N-2 + 1 jobs over three stages; wall time minus the critical path, API
//   requests per job counted at a proxy, the client's peak memory;
// - apply of the Kubernetes target with 200 Jobs (pipecraft apply's code path).
import { parseArgs } from "node:util";
import { type KubeConfig, Watch } from "@kubernetes/client-node";
import type { PipelineInput } from "pipecraft";
import { applyObjects, DEFAULT_RATE_LIMIT, withRateLimit } from "pipecraft/runtime";
import { startFaultProxy } from "../test/cluster/fault-proxy.js";
import { startCluster } from "../test/cluster/harness.js";
import { createNamespace } from "../test/cluster/helpers.js";
import { runCase, uniqueRunId } from "../test/cluster/runtime-support.js";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "500" },
    chain: { type: "string", default: "40" },
    apply: { type: "string", default: "200" },
  },
});
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
  {
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

  // Fan-out / fan-in through the counting proxy.
  {
    const ns = await createNamespace(kc, "bench-fan");
    const n = Number(values.jobs);
    const jobs: PipelineInput["jobs"] = { start: { stage: "a", image, script: ["true"] } };
    for (let i = 0; i < n - 2; i++) jobs[`w${i}`] = { stage: "b", image, script: ["true"] };
    jobs.end = { stage: "c", image, script: ["true"] };
    const times = await jobTimes(kc, ns.name);
    global.gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    const from = proxy.requests.length;
    const started = performance.now() + performance.timeOrigin;
    const run = await runCase(
      withRateLimit(proxy.kubeConfig(), DEFAULT_RATE_LIMIT),
      ns.name,
      { stages: ["a", "b", "c"], jobs },
      {
        runId: uniqueRunId("fan"),
        volumes,
        admin: kc,
      },
    );
    const ended = performance.now() + performance.timeOrigin;
    clearInterval(sampler);
    times.stop();
    const requests = proxy.requests.slice(from);
    const byKind = new Map<string, number>();
    for (const r of requests) {
      const kind = `${r.method} ${r.watch ? "watch " : ""}${r.path.replace(/\/namespaces\/[^/]+/, "/ns").replace(/\/(jobs|configmaps|persistentvolumeclaims|pods)\/[^/]+/, "/$1/NAME")}`;
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
    const plan = run.planned.plan;
    const duration = (job: string) => {
      const name = plan?.jobs.find((j) => j.name === job)?.objectName ?? "";
      const a = times.released.get(name);
      const b = times.completed.get(name);
      return a !== undefined && b !== undefined ? b - a : 0;
    };
    const stageMax = (names: string[]) => Math.max(...names.map(duration));
    const critical =
      stageMax(["start"]) +
      stageMax(Object.keys(jobs).filter((j) => j.startsWith("w"))) +
      stageMax(["end"]);
    const wall = ended - started;
    rows.push(
      `${n}-job fan-out/fan-in (run ${run.result.status}): wall ${(wall / 1000).toFixed(1)} s, critical path ${(critical / 1000).toFixed(1)} s, overhead ${((wall - critical) / 1000).toFixed(1)} s; ${requests.length} API requests = ${(requests.length / n).toFixed(2)} per job; client peak RSS ${(peakRss / 1e6).toFixed(0)} MB (baseline ${(baseline.rss / 1e6).toFixed(0)} MB), peak heap ${(peakHeap / 1e6).toFixed(0)} MB`,
    );
    rows.push(
      `Requests by kind: ${[...byKind]
        .sort((a, b) => b[1] - a[1])
        .map(([k, c]) => `${k} ×${c}`)
        .join("; ")}`,
    );
    log(rows.at(-2) ?? "");
    log(rows.at(-1) ?? "");
    await ns.remove();
  }

  // apply of N Jobs.
  {
    const ns = await createNamespace(kc, "bench-apply");
    const n = Number(values.apply);
    const objects = Array.from({ length: n }, (_, i) => ({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: `job-${i}`, namespace: ns.name },
      spec: {
        suspend: true,
        template: {
          spec: { restartPolicy: "Never", containers: [{ name: "job", image, command: ["true"] }] },
        },
      },
    }));

    const t0 = performance.now();
    await applyObjects({
      kubeConfig: withRateLimit(kc, DEFAULT_RATE_LIMIT),
      objects,
      namespace: ns.name,
    });
    const first = performance.now() - t0;
    const t1 = performance.now();
    await applyObjects({
      kubeConfig: withRateLimit(kc, DEFAULT_RATE_LIMIT),
      objects,
      namespace: ns.name,
    });
    const again = performance.now() - t1;
    rows.push(
      `apply of ${n} Jobs (server-side, field manager pipecraft, default rate limit): create ${(first / 1000).toFixed(1)} s, re-apply unchanged ${(again / 1000).toFixed(1)} s; kubectl apply --server-side: not measured (no kubectl binary built)`,
    );
    log(rows.at(-1) ?? "");
    await ns.remove();
  }
} finally {
  await proxy.close();
  await cluster.stop();
}
process.stdout.write(`${rows.map((r) => `- ${r}`).join("\n")}\n`);
