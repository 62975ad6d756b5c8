/**
 * A directed graph over named nodes. `nodes` is in declaration order, which every algorithm
 * here uses to break ties so that results are deterministic; `successors` lists the targets of
 * a node's edges (only names that are in `nodes`).
 */
export type DirectedGraph = {
  nodes: readonly string[];
  successors: ReadonlyMap<string, readonly string[]>;
};
