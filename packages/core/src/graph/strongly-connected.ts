import type { DirectedGraph } from "./directed-graph.js";
import { indexGraph } from "./indexed-graph.js";

/**
 * Strongly connected components (Tarjan), each listed in declaration order. Iterative, because
 * a chain of 10,000 `needs` would overflow the call stack of a recursive version.
 */
export function stronglyConnectedComponents(graph: DirectedGraph): string[][] {
  const { successors } = indexGraph(graph);
  const count = graph.nodes.length;
  const index = new Int32Array(count).fill(-1);
  const lowLink = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: string[][] = [];
  let counter = 0;

  const visit = (node: number): void => {
    index[node] = counter;
    lowLink[node] = counter;
    counter++;
    stack.push(node);
    onStack[node] = 1;
  };

  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    // Each frame remembers which successor to visit next, replacing the recursion.
    const frames: { node: number; next: number }[] = [{ node: root, next: 0 }];
    visit(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const targets = successors[frame.node]!;
      if (frame.next < targets.length) {
        const successor = targets[frame.next]!;
        frame.next++;
        if (index[successor] === -1) {
          visit(successor);
          frames.push({ node: successor, next: 0 });
        } else if (onStack[successor] === 1) {
          lowLink[frame.node] = Math.min(lowLink[frame.node]!, index[successor]!);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) {
        lowLink[parent.node] = Math.min(lowLink[parent.node]!, lowLink[frame.node]!);
      }
      if (lowLink[frame.node] === index[frame.node]) {
        const members: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          members.push(member);
        } while (member !== frame.node);
        components.push(members.sort((a, b) => a - b).map((i) => graph.nodes[i]!));
      }
    }
  }
  return components;
}
