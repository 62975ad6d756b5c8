// Where boxes and arrows go in the needs view: dagre lays out each part joined by `needs`, and
// parts are stacked and shifted so that every arrow, `needs` or stage-implied, points right.
import { describe, expect, it } from "vitest";
import { makeGraphPipeline } from "../../../bench/fixtures/graph-pipeline.mjs";
import { type GraphModel, graphModel } from "../src/graph-model.js";
import { type Box, type Layout, layoutModel } from "../src/layout.js";
import { markedPipeline, validated } from "./graph-helpers.js";

// Part {a, b, g} (g needs a and b) waits for part {e} by stage (e after a), and e waits for it
// (b after e): no order of whole parts draws both left to right, so they are one part.
const crossing = {
  stages: ["one", "two", "three", "four"],
  jobs: {
    a: { stage: "one", script: ["a"], needs: [] },
    e: { stage: "two", script: ["e"] },
    b: { stage: "three", script: ["b"] },
    g: { stage: "four", script: ["g"], needs: ["a", "b"] },
    alone: { stage: "four", script: ["x"], needs: [] },
  },
};

function boxOf(layout: Layout, id: string) {
  const box = layout.boxes.get(id);
  if (box === undefined) throw new Error(`no box for ${id}`);
  return box;
}

// A point on the outline of a box (dagre ends an arrow where it meets the box, any side).
function onBorder(box: Box, point: readonly [number, number] | undefined): boolean {
  if (point === undefined) return false;
  const [x, y] = point;
  const inside =
    x >= box.x - 0.5 &&
    x <= box.x + box.width + 0.5 &&
    y >= box.y - 0.5 &&
    y <= box.y + box.height + 0.5;
  const near = (p: number, q: number) => Math.abs(p - q) <= 0.5;
  return (
    inside &&
    (near(x, box.x) || near(x, box.x + box.width) || near(y, box.y) || near(y, box.y + box.height))
  );
}

function expectDrawable(model: GraphModel, layout: Layout): void {
  expect(layout.boxes.size).toBe(model.nodes.length);
  // Every arrow points right and starts and ends at its boxes' sides.
  model.edges.forEach((edge, index) => {
    const from = boxOf(layout, edge.from);
    const to = boxOf(layout, edge.to);
    expect(to.x, `${edge.from} → ${edge.to}`).toBeGreaterThan(from.x);
    const path = layout.paths[index] ?? [];
    expect(path.length).toBeGreaterThanOrEqual(2);
    expect(onBorder(from, path[0])).toBe(true);
    expect(onBorder(to, path.at(-1))).toBe(true);
  });
  // No two boxes overlap, and all are inside the drawing.
  const boxes = [...layout.boxes.values()].sort((p, q) => p.x - q.x || p.y - q.y);
  boxes.forEach((box, i) => {
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(layout.width);
    expect(box.y + box.height).toBeLessThanOrEqual(layout.height);
    const next = boxes[i + 1];
    if (next !== undefined && next.x < box.x + box.width)
      expect(next.y).toBeGreaterThanOrEqual(box.y + box.height);
  });
}

describe("layoutModel, needs view", () => {
  it("draws every arrow left to right, between its boxes, boxes apart, for every mark", () => {
    const model = graphModel(validated(markedPipeline), "needs");
    expectDrawable(model, layoutModel(model));
  });

  it("keeps parts that wait for each other by stage in one part", () => {
    const model = graphModel(validated(crossing), "needs");
    expect(model.edges.filter((edge) => edge.kind === "stage")).toHaveLength(2);
    const layout = layoutModel(model);
    expectDrawable(model, layout);
    const id = (job: string) => model.nodes.find((node) => node.job === job)?.id ?? "";
    // The job without dependencies starts in the first column, under the other part.
    expect(boxOf(layout, id("alone")).x).toBe(boxOf(layout, id("a")).x);
    expect(boxOf(layout, id("alone")).y).toBeGreaterThan(boxOf(layout, id("g")).y);
  });

  it("lays out the 2,000-job pipeline in columns, the same way twice", () => {
    const model = graphModel(validated(makeGraphPipeline()), "needs");
    const layout = layoutModel(model);
    expectDrawable(model, layout);
    // One column per step of the longest `needs` chain: build, test/integration, deploy, report.
    const columns = new Set([...layout.boxes.values()].map((box) => box.x));
    expect(columns.size).toBe(4);
    const again = layoutModel(model);
    expect(JSON.stringify([...again.boxes], null, 0)).toBe(JSON.stringify([...layout.boxes]));
    expect(again.paths).toEqual(layout.paths);
  });
});
