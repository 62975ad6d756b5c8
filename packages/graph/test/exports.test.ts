// Pins the names `@pipecraft/graph` exports at run time. Adding or removing one is a change to this list,
// reviewed as such, never a side effect of an edit elsewhere. (TypeScript types leave no runtime
// trace; they are listed in the entry file itself.)
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@pipecraft/graph", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(api).sort()).toEqual([
      "collapseGroups",
      "collapseStages",
      "graphFormats",
      "graphModel",
      "graphTarget",
      "graphViews",
      "layoutModel",
      "mermaidMaxEdges",
      "mermaidMaxTextSize",
      "renderDot",
      "renderHtml",
      "renderMermaid",
      "renderSvg",
      "svgElement",
      "synthGraph",
      "xmlEscape",
    ]);
  });
});
