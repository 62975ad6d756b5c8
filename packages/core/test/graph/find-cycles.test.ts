import { describe, expect, it } from "vitest";
import type { DirectedGraph } from "../../src/graph/directed-graph.js";
import { findCycle, findCycles } from "../../src/graph/find-cycles.js";
import { stronglyConnectedComponents } from "../../src/graph/strongly-connected.js";

function graph(edges: Record<string, string[]>): DirectedGraph {
  return { nodes: Object.keys(edges), successors: new Map(Object.entries(edges)) };
}

describe("findCycles", () => {
  it("finds nothing in a DAG", () => {
    expect(findCycle(graph({ a: [], b: ["a"], c: ["a", "b"] }))).toBeUndefined();
  });

  it("returns the cycle as a closed path starting at the first declared node", () => {
    expect(findCycle(graph({ build: ["test"], test: ["build"] }))).toEqual([
      "build",
      "test",
      "build",
    ]);
    expect(findCycle(graph({ x: [], c: ["a"], a: ["b"], b: ["c"] }))).toEqual(["c", "a", "b", "c"]);
  });

  it("reports a self-loop", () => {
    expect(findCycles(graph({ a: ["a"], b: [] }))).toEqual([["a", "a"]]);
  });

  it("reports one cycle per strongly connected component, in declaration order", () => {
    const cycles = findCycles(graph({ a: ["b"], b: ["a"], c: ["d"], d: ["c", "a"] }));
    expect(cycles).toEqual([
      ["a", "b", "a"],
      ["c", "d", "c"],
    ]);
  });

  it("picks the shortest way back", () => {
    expect(findCycle(graph({ a: ["b", "c"], b: ["c"], c: ["a"] }))).toEqual(["a", "c", "a"]);
  });

  it("handles a 20,000-node chain without overflowing the stack", () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 20_000; i++) edges[`n${i}`] = i + 1 < 20_000 ? [`n${i + 1}`] : ["n0"];
    const cycle = findCycle(graph(edges))!;
    expect(cycle.length).toBe(20_001);
    expect(stronglyConnectedComponents(graph(edges))).toHaveLength(1);
  });
});
