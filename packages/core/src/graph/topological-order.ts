import type { DirectedGraph } from "./directed-graph.js";
import { indexGraph } from "./indexed-graph.js";

/**
 * The nodes ordered so that every edge goes from an earlier to a later node (Kahn's algorithm);
 * among nodes that are ready at the same time the one declared first comes first, so the order
 * is stable. Nodes on a cycle never become ready and are left out: compare the length with
 * `graph.nodes.length`, or run `findCycles`, to tell.
 */
export function topologicalOrder(graph: DirectedGraph): string[] {
  const { successors, inDegree } = indexGraph(graph);
  const ready: number[] = [];
  for (let node = 0; node < inDegree.length; node++) {
    if (inDegree[node] === 0) heapPush(ready, node);
  }
  const order: string[] = [];
  while (ready.length > 0) {
    const node = heapPop(ready);
    order.push(graph.nodes[node]!);
    for (const successor of successors[node]!) {
      inDegree[successor]!--;
      if (inDegree[successor] === 0) heapPush(ready, successor);
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
