// Where each box and arrow goes. The stages view is GitLab's grid (a column per stage); the
// needs view is laid out by @dagrejs/dagre, loaded only when a needs view is drawn.
import { createRequire } from "node:module";
import type { GraphModel, GraphNode } from "./graph-model.js";

/** A box's place: its top-left corner and size. */
export type Box = {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
};

/** A laid-out model: a box per node id, a path per edge (same order as `model.edges`). */
export type Layout = {
  readonly width: number;
  readonly height: number;
  readonly boxes: ReadonlyMap<string, Box>;
  /** Each edge as points from the source box to the target box. */
  readonly paths: readonly (readonly (readonly [number, number])[])[];
  /** For the stages view: each stage's column; empty for the needs view. */
  readonly columns: readonly { readonly stage: string; readonly box: Box }[];
};

/** Box size and gaps, in SVG units. */
export const nodeWidth = 200;
export const nodeHeight = 32;
const columnGap = 60;
const rowGap = 10;
const margin = 20;
const headerHeight = 30;

/** The layout of a model for its view. */
export function layoutModel(model: GraphModel): Layout {
  return model.view === "stages" ? stageGrid(model) : dagreLayout(model);
}

function stageGrid(model: GraphModel): Layout {
  const boxes = new Map<string, Box>();
  const rows = new Map<string, number>();
  const columns = model.stages.map((stage, index) => {
    const x = margin + index * (nodeWidth + columnGap);
    return { stage, x };
  });
  const columnOf = new Map(columns.map((column) => [column.stage, column.x]));
  for (const node of model.nodes) {
    const row = rows.get(node.stage) ?? 0;
    rows.set(node.stage, row + 1);
    boxes.set(node.id, {
      x: columnOf.get(node.stage) ?? margin,
      y: margin + headerHeight + row * (nodeHeight + rowGap),
      width: nodeWidth,
      height: nodeHeight,
    });
  }
  const tallest = Math.max(1, ...rows.values());
  const height = margin * 2 + headerHeight + tallest * (nodeHeight + rowGap);
  const paths = model.edges.map((edge) => sidePath(boxes.get(edge.from), boxes.get(edge.to)));
  return {
    width: margin * 2 + Math.max(1, columns.length) * (nodeWidth + columnGap) - columnGap,
    height,
    boxes,
    paths,
    columns: columns.map(({ stage, x }) => ({
      stage,
      box: { x: x - 8, y: margin - 4, width: nodeWidth + 16, height: height - margin * 2 + 4 },
    })),
  };
}

// From the right side of one box to the left side of the other (or between two boxes of one
// column, from side to side).
function sidePath(from: Box | undefined, to: Box | undefined): [number, number][] {
  if (from === undefined || to === undefined) return [];
  const y1 = from.y + from.height / 2;
  const y2 = to.y + to.height / 2;
  if (from.x === to.x)
    return [
      [from.x + from.width, y1],
      [from.x + from.width + 20, (y1 + y2) / 2],
      [to.x + to.width, y2],
    ];
  return [
    [from.x + from.width, y1],
    [to.x, y2],
  ];
}

type DagreNode = { x: number; y: number; width: number; height: number };
type DagreEdge = { points: { x: number; y: number }[] };
type DagreGraph = {
  setGraph(label: Record<string, unknown>): void;
  setDefaultEdgeLabel(label: () => Record<string, unknown>): void;
  setNode(id: string, label: Record<string, unknown>): void;
  setEdge(from: string, to: string, label?: Record<string, unknown>, name?: string): void;
  node(id: string): DagreNode;
  edge(from: string, to: string, name?: string): DagreEdge;
  graph(): { width?: number; height?: number };
};
type Dagre = {
  graphlib: { Graph: new (options: { multigraph: boolean }) => DagreGraph };
  layout(graph: DagreGraph): void;
};

// Loaded on first use: only a needs view pays for the layout library.
let dagre: Dagre | undefined;
function loadDagre(): Dagre {
  dagre ??= createRequire(import.meta.url)("@dagrejs/dagre") as Dagre;
  return dagre;
}

function dagreLayout(model: GraphModel): Layout {
  const { graphlib, layout } = loadDagre();
  const graph = new graphlib.Graph({ multigraph: true });
  graph.setGraph({
    rankdir: "LR",
    // tight-tree: on the 2,000-job bench pipeline one run took 4 s, network-simplex 101 s and
    // longest-path 48 s (same machine, same minutes); elkjs is slower still (README, bench/).
    ranker: "tight-tree",
    nodesep: rowGap,
    ranksep: columnGap,
    marginx: margin,
    marginy: margin,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of model.nodes) graph.setNode(node.id, { width: nodeWidth, height: nodeHeight });
  model.edges.forEach((edge, index) => {
    // Stage-implied arrows weigh less: the `needs` arrows decide the shape.
    graph.setEdge(edge.from, edge.to, { weight: edge.kind === "needs" ? 2 : 1 }, `e${index}`);
  });
  layout(graph);
  const boxes = new Map<string, Box>();
  for (const node of model.nodes) {
    const placed = graph.node(node.id);
    boxes.set(node.id, {
      x: round(placed.x - nodeWidth / 2),
      y: round(placed.y - nodeHeight / 2),
      width: nodeWidth,
      height: nodeHeight,
    });
  }
  const paths = model.edges.map((edge, index) =>
    graph
      .edge(edge.from, edge.to, `e${index}`)
      .points.map(({ x, y }) => [round(x), round(y)] as const),
  );
  const size = graph.graph();
  return {
    width: round(size.width ?? 0),
    height: round(size.height ?? 0),
    boxes,
    paths,
    columns: [],
  };
}

// Two decimals: the same bytes on every machine, whatever the last bits of a float.
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The nodes of a model by id. */
export function nodesById(model: GraphModel): Map<string, GraphNode> {
  return new Map(model.nodes.map((node) => [node.id, node]));
}
