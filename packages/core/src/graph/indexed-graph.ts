import type { DirectedGraph } from "./directed-graph.js";

/** A graph over node positions (declaration order) instead of names: arrays, not maps. */
export type IndexedGraph = {
  /** `successors[i]`: positions of the targets of node i's edges. */
  successors: readonly number[][];
  /** `inDegree[i]`: how many edges point at node i (a fresh array each call, free to consume). */
  inDegree: Int32Array;
};

/**
 * The same graph with nodes numbered by declaration order; the graph algorithms work on it
 * because integer arrays are far cheaper than string-keyed maps on 10,000-job pipelines.
 * Edges to names that are not nodes are dropped.
 */
export function indexGraph(graph: DirectedGraph): IndexedGraph {
  const position = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    position.set(node, i);
  });
  const inDegree = new Int32Array(graph.nodes.length);
  const successors = graph.nodes.map((node) => {
    const targets: number[] = [];
    for (const name of graph.successors.get(node) ?? []) {
      const target = position.get(name);
      if (target === undefined) continue;
      targets.push(target);
      inDegree[target]!++;
    }
    return targets;
  });
  return { successors, inDegree };
}
