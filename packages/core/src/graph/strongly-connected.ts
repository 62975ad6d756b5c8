import type { DirectedGraph } from "./directed-graph.js";

/**
 * Strongly connected components (Tarjan), each listed in declaration order. Iterative, because
 * a chain of 10,000 `needs` would overflow the call stack of a recursive version.
 */
export function stronglyConnectedComponents(graph: DirectedGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const position = new Map(graph.nodes.map((node, i) => [node, i]));
  let counter = 0;

  for (const root of graph.nodes) {
    if (index.has(root)) continue;
    // Each frame remembers which successor to visit next, replacing the recursion.
    const frames: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    lowLink.set(root, counter);
    counter++;
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const successors = graph.successors.get(frame.node) ?? [];
      if (frame.next < successors.length) {
        const successor = successors[frame.next]!;
        frame.next++;
        if (!index.has(successor)) {
          index.set(successor, counter);
          lowLink.set(successor, counter);
          counter++;
          stack.push(successor);
          onStack.add(successor);
          frames.push({ node: successor, next: 0 });
        } else if (onStack.has(successor)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(successor)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) {
        lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      }
      if (lowLink.get(frame.node) === index.get(frame.node)) {
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          members.push(member);
        } while (member !== frame.node);
        // Sorting the members (not filtering all nodes) keeps 10,000 one-job components linear.
        components.push(members.sort((a, b) => position.get(a)! - position.get(b)!));
      }
    }
  }
  return components;
}
