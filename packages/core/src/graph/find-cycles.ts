import type { DirectedGraph } from "./directed-graph.js";
import { stronglyConnectedComponents } from "./strongly-connected.js";

/**
 * Every cycle worth reporting, one per strongly connected component (a self-loop counts), each
 * as a closed path such as `["build", "test", "build"]`. One per component rather than all
 * elementary cycles, whose number can grow exponentially; fixing one usually breaks the others.
 */
export function findCycles(graph: DirectedGraph): string[][] {
  const cycles: string[][] = [];
  for (const component of stronglyConnectedComponents(graph)) {
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
