import type { DirectedGraph } from "./directed-graph.js";
import { indexGraph } from "./indexed-graph.js";
import { stronglyConnectedComponents } from "./strongly-connected.js";

/**
 * Every cycle worth reporting, one per strongly connected component (a self-loop counts), each
 * as a closed path such as `["build", "test", "build"]`. One per component rather than all
 * elementary cycles, whose number can grow exponentially; fixing one usually breaks the others.
 */
export function findCycles(graph: DirectedGraph): string[][] {
  const suspects = nodesOnOrBehindCycles(graph);
  // The common case: a valid pipeline has no cycle, and peeling proves it in linear time.
  if (suspects.length === 0) return [];
  const subgraph: DirectedGraph = { nodes: suspects, successors: graph.successors };
  const cycles: string[][] = [];
  for (const component of stronglyConnectedComponents(subgraph)) {
    const start = component[0]!;
    const successors = graph.successors.get(start) ?? [];
    if (component.length === 1 && !successors.includes(start)) continue;
    cycles.push(shortestCycleThrough(graph, start, new Set(component)));
  }
  // Report cycles in the order their first job was declared, not in Tarjan's completion order.
  const position = new Map(graph.nodes.map((node, i) => [node, i]));
  return cycles.sort((a, b) => position.get(a[0]!)! - position.get(b[0]!)!);
}

/** The first cycle (see `findCycles`), or undefined when the graph is acyclic. */
export function findCycle(graph: DirectedGraph): string[] | undefined {
  return findCycles(graph)[0];
}

// Repeatedly removes nodes no remaining edge points at (Kahn's algorithm without ordering);
// what is left are the nodes on a cycle and those reachable from one.
function nodesOnOrBehindCycles(graph: DirectedGraph): string[] {
  const { successors, inDegree } = indexGraph(graph);
  const queue: number[] = [];
  for (let node = 0; node < inDegree.length; node++) if (inDegree[node] === 0) queue.push(node);
  for (let head = 0; head < queue.length; head++) {
    for (const successor of successors[queue[head]!]!) {
      inDegree[successor]!--;
      if (inDegree[successor] === 0) queue.push(successor);
    }
  }
  if (queue.length === graph.nodes.length) return [];
  return graph.nodes.filter((_, node) => inDegree[node]! > 0);
}

// Breadth-first search inside one component finds the shortest way back to `start`, which is
// the easiest cycle for a reader to follow.
function shortestCycleThrough(
  graph: DirectedGraph,
  start: string,
  component: ReadonlySet<string>,
): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const successor of graph.successors.get(node) ?? []) {
      if (successor === start) return [...pathTo(node, start, cameFrom), start];
      if (!component.has(successor) || cameFrom.has(successor)) continue;
      cameFrom.set(successor, node);
      queue.push(successor);
    }
  }
  // Unreachable: every node of a strongly connected component reaches `start` again.
  return [start, start];
}

function pathTo(node: string, start: string, cameFrom: ReadonlyMap<string, string>): string[] {
  const path = [node];
  let current = node;
  while (current !== start) {
    current = cameFrom.get(current)!;
    path.push(current);
  }
  return path.reverse();
}
