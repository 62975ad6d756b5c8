// `pipecraft graph` on the 2,000-job pipeline (bench/fixtures/graph-pipeline.mjs): the whole
// drawing per view and format, and the needs view's layout: as pipecraft does it (dagre on each
// part joined by `needs`, matrix instances as one block), against the same boxes and arrows given
// to @dagrejs/dagre in one call (how it was done before: the baseline) and to elkjs (layered),
// in this process. ELK takes over a minute here, so each figure is a single run, not a median.
// Wall time, and CPU time (this process's, all threads): on a shared machine the wall time
// is mostly the wait for a core.
// Run: pnpm build && node --expose-gc bench/graph.bench.mjs
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import ELK from "elkjs/lib/elk.bundled.js";
import { pipeline as definePipeline } from "../packages/core/dist/index.js";
import { graphModel, layoutModel, synthGraph } from "../packages/graph/dist/index.js";
import { makeGraphPipeline } from "./fixtures/graph-pipeline.mjs";
import { formatCount, formatMs, formatRatio } from "./lib/format.mjs";
import { markdownTable } from "./lib/markdown-table.mjs";
import { validated } from "./lib/synth-fixture.mjs";

const GOAL_MS = 2_000;

async function once(fn) {
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1e3, value };
}

// The layout as it was before: the whole needs view in one dagre call, same options.
const dagre = createRequire(new URL("../packages/graph/package.json", import.meta.url))(
  "@dagrejs/dagre",
);
function dagreInOneCall(model) {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", ranker: "tight-tree", nodesep: 10, ranksep: 60 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of model.nodes) graph.setNode(node.id, { width: 200, height: 32 });
  model.edges.forEach((edge, i) => {
    graph.setEdge(edge.from, edge.to, { weight: edge.kind === "needs" ? 2 : 1 }, `e${i}`);
  });
  dagre.layout(graph);
  return graph;
}

// ELK's layered algorithm with the options closest to the kept layout (left to right, same
// box size and gaps, needs arrows weighted over stage-implied ones is not expressible: none).
function elkGraph(model) {
  return {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "10",
      "elk.layered.spacing.nodeNodeBetweenLayers": "60",
    },
    children: model.nodes.map((node) => ({ id: node.id, width: 200, height: 32 })),
    edges: model.edges.map((edge, i) => ({
      id: `e${i}`,
      sources: [edge.from],
      targets: [edge.to],
    })),
  };
}

/** The graph benchmark as { title, markdown }. */
export async function benchGraph() {
  const pipeline = validated(definePipeline(makeGraphPipeline()));
  const load = loadavg()[0].toFixed(1);
  const rows = [];
  for (const view of ["stages", "needs"]) {
    const model = graphModel(pipeline, view);
    for (const format of ["html", "svg", "mermaid", "dot"]) {
      const { ms, cpuMs } = await once(() => synthGraph(pipeline, { format, view }));
      rows.push([
        `${view} view, ${format}`,
        formatCount(model.edges.length),
        formatMs(ms),
        formatMs(cpuMs),
        ms < GOAL_MS ? "yes" : "**no**",
      ]);
    }
  }
  const model = graphModel(pipeline, "needs");
  const kept = await once(() => layoutModel(model));
  const before = await once(() => dagreInOneCall(model));
  const elk = await once(() => new ELK().layout(elkGraph(model)));
  const row = (name, run) => [
    name,
    formatMs(run.ms),
    formatRatio(run.ms, kept.ms),
    formatMs(run.cpuMs),
    formatRatio(run.cpuMs, kept.cpuMs),
  ];
  const layout = markdownTable(
    ["layout of the needs view (2,000 boxes)", "wall", "× kept", "CPU", "× kept"],
    [
      row("pipecraft: dagre per `needs` part, instances as blocks (kept)", kept),
      row("@dagrejs/dagre, whole graph in one call (before)", before),
      row("elkjs layered, whole graph in one call", elk),
    ],
  );
  return {
    title: `Graph of 2,000 jobs (matrix instances included), one run each, load average ${load}`,
    markdown: `${markdownTable(["drawing", "edges", "wall (layout included)", "CPU", `wall under ${GOAL_MS / 1000} s`], rows)}\n\n${layout}`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { title, markdown } = await benchGraph();
  console.log(`### ${title}\n\n${markdown}`);
}
