// `pipecraft graph` on the 2,000-job pipeline (bench/fixtures/graph-pipeline.mjs): the whole
// drawing per view and format, and the needs view's layout by the two candidate libraries,
// @dagrejs/dagre (kept) and elkjs (layered), on the same boxes and arrows, one run each in this
// process. ELK takes over a minute here, so each figure is a single run, not a median.
// Run: pnpm build && node --expose-gc bench/graph.bench.mjs
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
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
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
      const { ms } = await once(() => synthGraph(pipeline, { format, view }));
      rows.push([
        `${view} view, ${format}`,
        formatCount(model.edges.length),
        formatMs(ms),
        ms < GOAL_MS ? "yes" : "**no**",
      ]);
    }
  }
  const model = graphModel(pipeline, "needs");
  const dagre = await once(() => layoutModel(model));
  const elk = await once(() => new ELK().layout(elkGraph(model)));
  const layout = markdownTable(
    ["layout of the needs view (2,000 boxes)", "time", "× dagre"],
    [
      ["@dagrejs/dagre (tight-tree ranker; kept)", `**${formatMs(dagre.ms)}**`, "1.0×"],
      ["elkjs layered", formatMs(elk.ms), formatRatio(elk.ms, dagre.ms)],
    ],
  );
  return {
    title: `Graph of 2,000 jobs (matrix instances included), one run each, load average ${load}`,
    markdown: `${markdownTable(["drawing", "edges", "time (layout included)", `under ${GOAL_MS / 1000} s`], rows)}\n\n${layout}`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { title, markdown } = await benchGraph();
  console.log(`### ${title}\n\n${markdown}`);
}
