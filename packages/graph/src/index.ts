// Public API of @pipecraft/graph. Re-exports only; each concept lives in its own file.
export { collapseGroups, collapseStages } from "./collapse.js";
export type {
  EdgeKind,
  GraphEdge,
  GraphModel,
  GraphNode,
  GraphView,
  NodeWhen,
} from "./graph-model.js";
export { graphModel } from "./graph-model.js";
export type { GraphFormat, SynthGraphOptions } from "./graph-target.js";
export { graphFormats, graphTarget, graphViews, synthGraph } from "./graph-target.js";
export type { Box, Layout } from "./layout.js";
export { layoutModel } from "./layout.js";
export { renderDot } from "./render-dot.js";
export { renderHtml } from "./render-html.js";
export { mermaidMaxEdges, mermaidMaxTextSize, renderMermaid } from "./render-mermaid.js";
export { renderSvg, svgElement, xmlEscape } from "./render-svg.js";
