import type { DirectedGraph } from "./directed-graph.js";

/**
 * The nodes ordered so that every edge goes from an earlier to a later node (Kahn's algorithm);
 * among nodes that are ready at the same time the one declared first comes first, so the order
 * is stable. Nodes on a cycle never become ready and are left out: compare the length with
 * `graph.nodes.length`, or run `findCycles`, to tell.
 */
export function topologicalOrder(graph: DirectedGraph): string[] {
  const position = new Map(graph.nodes.map((node, i) => [node, i]));
  const inDegree = new Map<string, number>(graph.nodes.map((node) => [node, 0]));
  for (const node of graph.nodes) {
    for (const successor of graph.successors.get(node) ?? []) {
      inDegree.set(successor, (inDegree.get(successor) ?? 0) + 1);
    }
  }
  const ready: number[] = [];
  for (const node of graph.nodes) {
    if (inDegree.get(node) === 0) heapPush(ready, position.get(node)!);
  }
  const order: string[] = [];
  while (ready.length > 0) {
    const node = graph.nodes[heapPop(ready)]!;
    order.push(node);
    for (const successor of graph.successors.get(node) ?? []) {
      const remaining = inDegree.get(successor)! - 1;
      inDegree.set(successor, remaining);
      if (remaining === 0) heapPush(ready, position.get(successor)!);
    }
  }
  return order;
}

// A binary min-heap of declaration positions, as two helpers over a plain array owned by one
// `topologicalOrder` call: picking the earliest-declared ready node must not cost a scan of all
// ready nodes, or 10,000 independent jobs would take O(n²).
function heapPush(heap: number[], value: number): void {
  heap.push(value);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]! <= value) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = value;
}

function heapPop(heap: number[]): number {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]! < heap[left]! ? right : left;
      if (heap[child]! >= last) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
  return top;
}
