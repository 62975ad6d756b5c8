// The drawing as SVG: the static `svg` format, and the picture inside the `html` format. Job
// names are hostile input: every name goes through `xmlEscape`, in text and in attributes.
import type { GraphModel, GraphNode } from "./graph-model.js";
import { type Layout, layoutModel } from "./layout.js";
import { nodeMarks } from "./render-mermaid.js";

/** The model as one standalone SVG document (laid out here). */
export function renderSvg(model: GraphModel): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svgElement(model, layoutModel(model))}`;
}

/**
 * The `<svg>` element of a laid-out model. Each job is a `g.job` (id, `data-job`, `data-stage`,
 * `data-group`), each arrow a `path.edge` (`data-from`, `data-to`), inside one `g.viewport`.
 */
export function svgElement(model: GraphModel, layout: Layout): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="pipecraft-graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" font-family="sans-serif" font-size="12">`,
    `<style>${svgStyle}</style>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#8a8f98"/></marker></defs>',
    '<g class="viewport">',
    '<g class="columns">',
  ];
  for (const { stage, box } of layout.columns) {
    parts.push(
      `<g class="stage" data-stage="${xmlEscape(stage)}"><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6"/><text x="${box.x + 8}" y="${box.y + 18}">${xmlEscape(stage)}</text></g>`,
    );
  }
  parts.push("</g>", '<g class="edges">');
  model.edges.forEach((edge, index) => {
    const points = layout.paths[index] ?? [];
    const d = points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x},${y}`).join("");
    parts.push(
      `<path class="edge ${edge.kind}" data-from="${edge.from}" data-to="${edge.to}" d="${d}" marker-end="url(#arrow)"/>`,
    );
  });
  parts.push("</g>", '<g class="nodes">');
  for (const node of model.nodes) {
    const box = layout.boxes.get(node.id);
    if (box === undefined) continue;
    parts.push(nodeElement(node, box.x, box.y, box.width, box.height));
  }
  parts.push("</g>", "</g>", "</svg>");
  return `${parts.join("\n")}\n`;
}

function nodeElement(node: GraphNode, x: number, y: number, width: number, height: number): string {
  const classes = ["job", `when-${node.when}`];
  if (node.allowFailure) classes.push("allow-failure");
  if (node.trigger) classes.push("trigger");
  if (node.leftOut) classes.push("left-out");
  if (node.group !== undefined) classes.push("in-group");
  const marks = nodeMarks(node);
  const title = marks.length === 0 ? node.label : `${node.label} (${marks.join(", ")})`;
  const group = node.group === undefined ? "" : ` data-group="${xmlEscape(node.group)}"`;
  return [
    `<g class="${classes.join(" ")}" id="${node.id}" data-job="${xmlEscape(node.label)}" data-stage="${xmlEscape(node.stage)}"${group} transform="translate(${x},${y})">`,
    `<title>${xmlEscape(title)}</title>`,
    // A matrix/parallel instance: a second card behind it, as a stack.
    node.group === undefined
      ? ""
      : `<rect class="stack" x="4" y="-4" width="${width}" height="${height}" rx="${node.trigger ? 2 : 14}"/>`,
    `<rect width="${width}" height="${height}" rx="${node.trigger ? 2 : 14}"/>`,
    `<text x="12" y="${height / 2 + 4}">${xmlEscape(shortLabel(node, 28))}</text>`,
    "</g>",
  ].join("");
}

// What fits in a box: the label, cut with an ellipsis, with a sign for how the job runs.
function shortLabel(node: GraphNode, length: number): string {
  const sign = signs[node.when] + (node.trigger ? "↪ " : "");
  const chars = [...node.label];
  const label = chars.length > length ? `${chars.slice(0, length - 1).join("")}…` : node.label;
  return sign + label;
}

const signs: Readonly<Record<GraphNode["when"], string>> = {
  on_success: "",
  manual: "▶ ",
  delayed: "⏱ ",
  on_failure: "✗ ",
  always: "● ",
  never: "",
};

const svgStyle = [
  ".stage rect{fill:#f4f5f7;stroke:none}",
  ".stage text{font-weight:bold;fill:#333}",
  ".edge{fill:none;stroke:#8a8f98;stroke-width:1.2}",
  ".edge.stage{stroke-dasharray:5 4}",
  ".job rect{fill:#fff;stroke:#5c6370;stroke-width:1.2}",
  ".job text{fill:#1f2328}",
  ".job.when-manual rect{fill:#eef0ff;stroke:#4454a8}",
  ".job.when-delayed rect{fill:#fff8e0;stroke:#a87a00}",
  ".job.when-on_failure rect{fill:#ffecec;stroke:#a83232}",
  ".job.when-always rect{fill:#eaf7ea;stroke:#2f7d32}",
  ".job.allow-failure rect{stroke-dasharray:4 3}",
  ".job.trigger rect{fill:#f4eefc;stroke:#663399}",
  ".job.left-out rect{fill:#eeeeee;stroke:#aaaaaa}",
  ".job rect.stack{fill:#f4f5f7;stroke:#9aa0a8}",
  ".job.left-out text{fill:#999999}",
].join("");

/** Text safe in XML and HTML, in element content and quoted attributes (XML 1.0 has no control characters). */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`).replace(notXml, "\ufffd");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
