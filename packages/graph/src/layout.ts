// Where each box and arrow goes. The stages view is GitLab's grid (a column per stage); the
// needs view is laid out by @dagrejs/dagre, loaded only when a needs view is drawn.
import { createRequire } from "node:module";
import type { GraphEdge, GraphModel, GraphNode } from "./graph-model.js";

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

type DagreNode = { x: number; y: number; width: number; height: number; rank: number };
type DagreEdge = { points: { x: number; y: number }[] };
type DagreGraph = {
  setGraph(label: Record<string, unknown>): void;
  setDefaultEdgeLabel(label: () => Record<string, unknown>): void;
  setNode(id: string, label?: Record<string, unknown>): void;
  setEdge(from: string, to: string, label?: Record<string, unknown>, name?: string): void;
  node(id: string): DagreNode;
  edge(from: string, to: string, name?: string): DagreEdge;
  graph(): { width?: number; height?: number };
};
type Dagre = {
  graphlib: {
    Graph: new (options?: { multigraph?: boolean }) => DagreGraph;
    alg: {
      /** Strongly connected components (Tarjan). */
      tarjan(graph: DagreGraph): string[][];
      /** Node ids in topological order. */
      topsort(graph: DagreGraph): string[];
    };
  };
  layout(graph: DagreGraph): void;
};

// Loaded on first use: only a needs view pays for the layout library.
let dagre: Dagre | undefined;
function loadDagre(): Dagre {
  dagre ??= createRequire(import.meta.url)("@dagrejs/dagre") as Dagre;
  return dagre;
}

/** One part of the needs view laid out on its own: its nodes and the edges inside it. */
type Part = { readonly nodes: readonly GraphNode[]; readonly edges: readonly number[] };

/** A part as dagre laid it out, from its own top-left corner. */
type PlacedPart = {
  readonly width: number;
  readonly height: number;
  /** Each node's column within the part (0 = the part's leftmost). */
  readonly columns: ReadonlyMap<string, number>;
  /** Each node's centre. */
  readonly centers: ReadonlyMap<string, readonly [number, number]>;
  /** The points of each edge inside the part, by edge index. */
  readonly paths: ReadonlyMap<number, readonly (readonly [number, number])[]>;
};

// The needs view, by dagre, one connected part at a time. dagre's time grows faster than the
// graph (2,000 jobs in one call: 2.5–4.4 s of CPU, most in coordinate assignment and ordering,
// whose cost grows with the height of a column), and the parts of a pipeline hardly touch: `needs`
// chains, joined to each other only by stage-implied arrows (from every job of the previous
// stage). So each part joined by `needs` is laid out alone; parts are stacked top to bottom
// in the order of their first job, and shifted right by whole columns so that every
// stage-implied arrow between two parts still points right. Those arrows are drawn straight.
function dagreLayout(model: GraphModel): Layout {
  const parts = needsParts(model);
  const placed = parts.map((part) => layoutPart(model, part));
  const partOf = new Map<string, number>();
  parts.forEach((part, index) => {
    for (const node of part.nodes) partOf.set(node.id, index);
  });
  const shift = partShifts(model, partOf, placed);
  const boxes = new Map<string, Box>();
  const offsets: { dx: number; dy: number }[] = [];
  let top = margin;
  let right = margin;
  placed.forEach((part, index) => {
    const dx = margin + (shift[index] ?? 0) * (nodeWidth + columnGap);
    const dy = top;
    offsets.push({ dx, dy });
    for (const node of parts[index]?.nodes ?? []) {
      const [x, y] = part.centers.get(node.id) ?? [0, 0];
      boxes.set(node.id, {
        x: round(dx + x - nodeWidth / 2),
        y: round(dy + y - nodeHeight / 2),
        width: nodeWidth,
        height: nodeHeight,
      });
    }
    top += part.height + rowGap;
    right = Math.max(right, dx + part.width);
  });
  const paths = model.edges.map((edge, index) => {
    const from = partOf.get(edge.from);
    const part = from === undefined ? undefined : placed[from];
    const offset = from === undefined ? undefined : offsets[from];
    if (from !== partOf.get(edge.to) || part === undefined || offset === undefined)
      return sidePath(boxes.get(edge.from), boxes.get(edge.to));
    return (part.paths.get(index) ?? []).map(
      ([x, y]) => [round(offset.dx + x), round(offset.dy + y)] as const,
    );
  });
  return {
    width: round(right + margin),
    height: round(Math.max(top - rowGap, margin) + margin),
    boxes,
    paths,
    columns: [],
  };
}

// The nodes joined by `needs` edges, each with the edges (by index) inside it; parts that
// stage-implied edges join both ways (which no order of whole parts could draw left to right)
// are one part. In the order of their first node.
function needsParts(model: GraphModel): Part[] {
  const parent = new Map(model.nodes.map((node) => [node.id, node.id]));
  const root = (id: string): string => {
    let at = id;
    for (let up = parent.get(at); up !== undefined && up !== at; up = parent.get(at)) {
      parent.set(at, parent.get(up) ?? up);
      at = up;
    }
    return at;
  };
  const join = (a: string, b: string) => {
    const [ra, rb] = [root(a), root(b)];
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const edge of model.edges) if (edge.kind === "needs") join(edge.from, edge.to);
  const { graphlib } = loadDagre();
  const between = new graphlib.Graph();
  for (const node of model.nodes) between.setNode(root(node.id));
  for (const edge of model.edges) {
    const [from, to] = [root(edge.from), root(edge.to)];
    if (from !== to) between.setEdge(from, to);
  }
  for (const cycle of graphlib.alg.tarjan(between)) {
    const [first, ...rest] = cycle;
    for (const other of rest) if (first !== undefined) join(first, other);
  }
  const byRoot = new Map<string, { nodes: GraphNode[]; edges: number[] }>();
  for (const node of model.nodes) {
    const key = root(node.id);
    const part = byRoot.get(key);
    if (part === undefined) byRoot.set(key, { nodes: [node], edges: [] });
    else part.nodes.push(node);
  }
  model.edges.forEach((edge, index) => {
    const key = root(edge.from);
    if (key === root(edge.to)) byRoot.get(key)?.edges.push(index);
  });
  return [...byRoot.values()];
}

function layoutPart(model: GraphModel, part: Part): PlacedPart {
  const [only] = part.nodes;
  // A job with no arrow inside its part (most often: none at all) needs no layout.
  if (only !== undefined && part.nodes.length === 1 && part.edges.length === 0)
    return {
      width: nodeWidth,
      height: nodeHeight,
      columns: new Map([[only.id, 0]]),
      centers: new Map([[only.id, [nodeWidth / 2, nodeHeight / 2] as const]]),
      paths: new Map(),
    };
  const inside = part.edges.flatMap((index) => {
    const edge = model.edges[index];
    return edge === undefined ? [] : [{ index, edge }];
  });
  const blockOf = twinBlocks(part, inside);
  const blocks = new Map<string, string[]>();
  for (const node of part.nodes) {
    const block = blockOf.get(node.id) ?? node.id;
    const members = blocks.get(block);
    if (members === undefined) blocks.set(block, [node.id]);
    else members.push(node.id);
  }
  const { graphlib, layout } = loadDagre();
  const graph = new graphlib.Graph({ multigraph: true });
  graph.setGraph({
    rankdir: "LR",
    // tight-tree: on the 2,000-job bench pipeline in one call, one run took 4 s, network-simplex
    // 101 s and longest-path 48 s (same machine, same minutes); elkjs is slower still.
    ranker: "tight-tree",
    nodesep: rowGap,
    ranksep: columnGap,
    marginx: 0,
    marginy: 0,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const [block, members] of blocks)
    graph.setNode(block, { width: nodeWidth, height: stackHeight(members.length) });
  const arrows = new Map<string, { from: string; to: string; weight: number }>();
  for (const { edge } of inside) {
    const [from, to] = [blockOf.get(edge.from) ?? edge.from, blockOf.get(edge.to) ?? edge.to];
    // Stage-implied arrows weigh less: the `needs` arrows decide the shape.
    const weight = edge.kind === "needs" ? 2 : 1;
    const arrow = arrows.get(`${from}>${to}`);
    if (arrow === undefined) arrows.set(`${from}>${to}`, { from, to, weight });
    else arrow.weight = Math.max(arrow.weight, weight);
  }
  for (const [name, { from, to, weight }] of arrows) graph.setEdge(from, to, { weight }, name);
  layout(graph);
  const centers = new Map<string, readonly [number, number]>();
  for (const [block, members] of blocks) {
    const { x, y } = graph.node(block);
    const top = y - stackHeight(members.length) / 2;
    members.forEach((id, i) => {
      centers.set(id, [x, top + i * (nodeHeight + rowGap) + nodeHeight / 2]);
    });
  }
  // dagre puts a box every other rank (the ranks between carry the arrows).
  const ranks = new Map(
    part.nodes.map((node) => [node.id, graph.node(blockOf.get(node.id) ?? node.id).rank]),
  );
  const first = Math.min(...ranks.values());
  const columns = new Map(
    part.nodes.map((node) => [node.id, Math.round(((ranks.get(node.id) ?? first) - first) / 2)]),
  );
  const paths = new Map(
    inside.map(({ index, edge }) => {
      const [from, to] = [blockOf.get(edge.from) ?? edge.from, blockOf.get(edge.to) ?? edge.to];
      const points = graph
        .edge(from, to, `${from}>${to}`)
        .points.map(({ x, y }) => [x, y] as const);
      // Into or out of a stack: start and end at the job's own side, not the stack's.
      const start = centers.get(edge.from);
      const end = centers.get(edge.to);
      if (start !== undefined && (blocks.get(from)?.length ?? 1) > 1)
        points[0] = [start[0] + nodeWidth / 2, start[1]];
      if (end !== undefined && (blocks.get(to)?.length ?? 1) > 1)
        points[points.length - 1] = [end[0] - nodeWidth / 2, end[1]];
      return [index, points];
    }),
  );
  const size = graph.graph();
  return {
    width: size.width ?? nodeWidth,
    height: size.height ?? nodeHeight,
    columns,
    centers,
    paths,
  };
}

// Jobs with the same arrows in and out within their part (matrix and parallel instances, most
// often) are one stacked block for dagre: the same picture, a fraction of the work. Each job's
// block is named by its first job.
function twinBlocks(
  part: Part,
  inside: readonly { readonly edge: GraphEdge }[],
): Map<string, string> {
  const ins = new Map<string, string[]>();
  const outs = new Map<string, string[]>();
  for (const { edge } of inside) {
    const into = ins.get(edge.to);
    if (into === undefined) ins.set(edge.to, [`${edge.kind}:${edge.from}`]);
    else into.push(`${edge.kind}:${edge.from}`);
    const out = outs.get(edge.from);
    if (out === undefined) outs.set(edge.from, [`${edge.kind}:${edge.to}`]);
    else out.push(`${edge.kind}:${edge.to}`);
  }
  const firstOf = new Map<string, string>();
  const blockOf = new Map<string, string>();
  for (const node of part.nodes) {
    const key = [
      node.stageIndex,
      (ins.get(node.id) ?? []).sort().join(","),
      (outs.get(node.id) ?? []).sort().join(","),
    ].join("|");
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, node.id);
    blockOf.set(node.id, first ?? node.id);
  }
  return blockOf;
}

// The height of k boxes stacked with the gap between rows.
function stackHeight(count: number): number {
  return count * nodeHeight + (count - 1) * rowGap;
}

// How many columns each part moves right: the least that puts every job right of the jobs of
// other parts it waits for by stage (parts in an order where those come first).
function partShifts(
  model: GraphModel,
  partOf: ReadonlyMap<string, number>,
  placed: readonly PlacedPart[],
): number[] {
  const waits = placed.map((): { from: number; columns: number }[] => []);
  for (const edge of model.edges) {
    const [from, to] = [partOf.get(edge.from), partOf.get(edge.to)];
    if (from === undefined || to === undefined || from === to) continue;
    const fromColumn = placed[from]?.columns.get(edge.from) ?? 0;
    const toColumn = placed[to]?.columns.get(edge.to) ?? 0;
    waits[to]?.push({ from, columns: fromColumn + 1 - toColumn });
  }
  const { graphlib } = loadDagre();
  const order = new graphlib.Graph();
  placed.forEach((_, index) => {
    order.setNode(String(index));
  });
  waits.forEach((list, to) => {
    for (const { from } of list) order.setEdge(String(from), String(to));
  });
  const shift = placed.map(() => 0);
  for (const id of graphlib.alg.topsort(order)) {
    const to = Number(id);
    for (const { from, columns } of waits[to] ?? [])
      shift[to] = Math.max(shift[to] ?? 0, (shift[from] ?? 0) + columns);
  }
  return shift;
}

// Two decimals: the same bytes on every machine, whatever the last bits of a float.
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The nodes of a model by id. */
export function nodesById(model: GraphModel): Map<string, GraphNode> {
  return new Map(model.nodes.map((node) => [node.id, node]));
}
