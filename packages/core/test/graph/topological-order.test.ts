import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DirectedGraph } from "../../src/graph/directed-graph.js";
import { topologicalOrder } from "../../src/graph/topological-order.js";

function graph(edges: Record<string, string[]>): DirectedGraph {
  return { nodes: Object.keys(edges), successors: new Map(Object.entries(edges)) };
}

describe("topologicalOrder", () => {
  it("puts every node after its predecessors", () => {
    // Edges point from a job to the jobs that wait for it.
    expect(topologicalOrder(graph({ test: ["deploy"], build: ["test"], deploy: [] }))).toEqual([
      "build",
      "test",
      "deploy",
    ]);
  });

  it("breaks ties by declaration order", () => {
    expect(topologicalOrder(graph({ c: [], a: [], b: [] }))).toEqual(["c", "a", "b"]);
    expect(topologicalOrder(graph({ root: ["z", "y"], z: [], y: [], x: [] }))).toEqual([
      "root",
      "z",
      "y",
      "x",
    ]);
  });

  it("leaves out nodes on or behind a cycle", () => {
    expect(topologicalOrder(graph({ a: ["b"], b: ["a"], c: [], d: [] }))).toEqual(["c", "d"]);
  });

  it("orders every random DAG consistently with its edges", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 30 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 80 }),
            ),
          ),
        ([n, pairs]) => {
          const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
          const successors = new Map<string, string[]>(nodes.map((node) => [node, []]));
          // Only edges from a lower to a higher number: the graph is acyclic by construction.
          for (const [a, b] of pairs) if (a < b) successors.get(`n${a}`)!.push(`n${b}`);
          const order = topologicalOrder({ nodes, successors });
          expect(order).toHaveLength(n);
          const at = new Map(order.map((node, i) => [node, i]));
          for (const [from, tos] of successors) {
            for (const to of tos) expect(at.get(from)!).toBeLessThan(at.get(to)!);
          }
        },
      ),
    );
  });
});
