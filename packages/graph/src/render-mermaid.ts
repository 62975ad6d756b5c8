// Mermaid flowchart text, for a GitLab or GitHub Markdown file. Mermaid refuses more than 500
// edges or 50,000 characters unless `initialize()` raises the limits, which Markdown cannot do:
// large pipelines collapse matrix/parallel groups, then stages, and say so in a `%%` comment.
import { collapseGroups, collapseStages } from "./collapse.js";
import type { GraphModel, GraphNode } from "./graph-model.js";

/** Mermaid's default `maxEdges`. */
export const mermaidMaxEdges = 500;
/** Mermaid's default `maxTextSize`. */
export const mermaidMaxTextSize = 50_000;

/** The model as Mermaid flowchart text that fits Mermaid's default limits when it can. */
export function renderMermaid(model: GraphModel): string {
  const full = mermaidText(model, []);
  if (fits(model, full)) return full;
  const grouped = collapseGroups(model);
  const groupNote = `collapsed matrix/parallel groups: ${model.nodes.length} jobs drawn as ${grouped.nodes.length} boxes`;
  const groupedText = mermaidText(grouped, [groupNote]);
  if (fits(grouped, groupedText)) return groupedText;
  const staged = collapseStages(grouped);
  return mermaidText(staged, [
    groupNote,
    `collapsed stages: each stage drawn as one box (${staged.nodes.length} boxes, ${staged.edges.length} edges)`,
  ]);
}

function fits(model: GraphModel, text: string): boolean {
  return model.edges.length <= mermaidMaxEdges && text.length <= mermaidMaxTextSize;
}

function mermaidText(model: GraphModel, notes: readonly string[]): string {
  const lines = [
    ...notes.map(
      (note) =>
        `%% ${note}, to stay within Mermaid's limits (${mermaidMaxEdges} edges, ${mermaidMaxTextSize} characters)`,
    ),
    "flowchart LR",
  ];
  if (model.view === "stages") {
    model.stages.forEach((stage, index) => {
      lines.push(`  subgraph s${index}["${mermaidLabel(stage)}"]`, "    direction TB");
      lines.push(
        ...nodeLines(
          model.nodes.filter((node) => node.stage === stage),
          "    ",
        ),
      );
      lines.push("  end");
    });
  } else {
    lines.push(...nodeLines(model.nodes, "  "));
  }
  for (const edge of model.edges) {
    lines.push(`  ${edge.from} ${edge.kind === "needs" ? "-->" : "-.->"} ${edge.to}`);
  }
  const classes = new Map<string, string[]>();
  for (const node of model.nodes) {
    for (const name of nodeClasses(node)) {
      const list = classes.get(name);
      if (list === undefined) classes.set(name, [node.id]);
      else list.push(node.id);
    }
  }
  for (const [name, style] of classStyles) {
    const ids = classes.get(name);
    if (ids === undefined) continue;
    lines.push(`  classDef ${name} ${style}`, `  class ${ids.join(",")} ${name}`);
  }
  return `${lines.join("\n")}\n`;
}

const classStyles: readonly (readonly [string, string])[] = [
  ["manual", "fill:#eef,stroke:#448"],
  ["delayed", "fill:#ffe,stroke:#a80"],
  ["on_failure", "fill:#fee,stroke:#a33"],
  ["always", "fill:#efe,stroke:#383"],
  ["allow_failure", "stroke-dasharray:4 3"],
  ["trigger", "fill:#f4eefc,stroke:#639"],
  // Last, so that grey wins over the marks of how the job would run.
  ["left_out", "fill:#eee,stroke:#aaa,color:#999"],
];

function nodeClasses(node: GraphNode): string[] {
  const names: string[] = [];
  if (node.when !== "on_success" && node.when !== "never") names.push(node.when);
  if (node.allowFailure) names.push("allow_failure");
  if (node.trigger) names.push("trigger");
  if (node.leftOut) names.push("left_out");
  return names;
}

// The boxes, each matrix/parallel group inside a subgraph of its own named `job ×N` (a group's
// instances come one after another in the model).
function nodeLines(nodes: readonly GraphNode[], indent: string): string[] {
  const lines: string[] = [];
  nodes.forEach((node, index) => {
    const previous = nodes[index - 1];
    const next = nodes[index + 1];
    const opens = node.group !== undefined && previous?.group !== node.group;
    if (opens) {
      const size = nodes.filter((other) => other.group === node.group).length;
      lines.push(`${indent}subgraph g${node.id}["${mermaidLabel(`${node.group} ×${size}`)}"]`);
    }
    lines.push(`${indent}${node.group === undefined ? "" : "  "}${nodeLine(node)}`);
    if (node.group !== undefined && next?.group !== node.group) lines.push(`${indent}end`);
  });
  return lines;
}

function nodeLine(node: GraphNode): string {
  const marks = nodeMarks(node);
  const text = mermaidLabel(
    marks.length === 0 ? node.label : `${node.label} (${marks.join(", ")})`,
  );
  // A trigger job is drawn as a subroutine box, as a pipeline of its own.
  return node.trigger ? `${node.id}[["${text}"]]` : `${node.id}["${text}"]`;
}

/** The words that mark a job in text formats: `left out by rules`, `manual`, `allow failure` … */
export function nodeMarks(node: GraphNode): string[] {
  const marks: string[] = node.leftOut ? ["left out by rules"] : [];
  if (node.when !== "on_success") marks.push(node.when.replace("_", " "));
  if (node.allowFailure) marks.push("allow failure");
  if (node.trigger) marks.push("trigger");
  return marks;
}

// Inside a quoted Mermaid label only an entity code is safe for quotes, brackets, `#`, `;`,
// markup and anything beyond ASCII: everything but letters, digits and a few marks becomes one.
function mermaidLabel(text: string): string {
  let out = "";
  for (const char of text) {
    out += /^[A-Za-z0-9 _.,:/+=@-]$/.test(char) ? char : `#${char.codePointAt(0)};`;
  }
  return out;
}
