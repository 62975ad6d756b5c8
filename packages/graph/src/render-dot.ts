// Graphviz DOT text: `dot -Tsvg graph.dot > graph.svg`.
import type { GraphModel, GraphNode } from "./graph-model.js";
import { nodeMarks } from "./render-mermaid.js";

/** The model as a Graphviz digraph: stages as clusters in the stages view, left to right. */
export function renderDot(model: GraphModel): string {
  const lines = [
    "digraph pipeline {",
    "  rankdir=LR;",
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="sans-serif"];',
  ];
  if (model.view === "stages") {
    model.stages.forEach((stage, index) => {
      lines.push(`  subgraph cluster_${index} {`, `    label=${dotString(stage)};`);
      lines.push(
        ...nodeLines(
          model.nodes.filter((node) => node.stage === stage),
          "    ",
        ),
      );
      lines.push("  }");
    });
  } else {
    lines.push(...nodeLines(model.nodes, "  "));
  }
  for (const edge of model.edges) {
    lines.push(`  ${edge.from} -> ${edge.to}${edge.kind === "stage" ? " [style=dashed]" : ""};`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

const fills: Readonly<Record<GraphNode["when"], string>> = {
  on_success: "#ffffff",
  manual: "#eeeeff",
  delayed: "#ffffee",
  on_failure: "#ffeeee",
  always: "#eeffee",
  never: "#eeeeee",
};

// The boxes, each matrix/parallel group in a dashed cluster of its own labelled `job ×N` (a
// group's instances come one after another in the model).
function nodeLines(nodes: readonly GraphNode[], indent: string): string[] {
  const lines: string[] = [];
  nodes.forEach((node, index) => {
    const opens = node.group !== undefined && nodes[index - 1]?.group !== node.group;
    if (opens) {
      const size = nodes.filter((other) => other.group === node.group).length;
      lines.push(
        `${indent}subgraph cluster_g${node.id} {`,
        `${indent}  label=${dotString(`${node.group} ×${size}`)}; style=dashed;`,
      );
    }
    lines.push(`${indent}${node.group === undefined ? "" : "  "}${nodeLine(node)}`);
    if (node.group !== undefined && nodes[index + 1]?.group !== node.group) {
      lines.push(`${indent}}`);
    }
  });
  return lines;
}

function nodeLine(node: GraphNode): string {
  const marks = nodeMarks(node);
  const label = marks.length === 0 ? node.label : `${node.label}\n${marks.join(", ")}`;
  const fill = node.leftOut ? "#eeeeee" : fills[node.when];
  const attributes = [`label=${dotString(label)}`, `fillcolor="${fill}"`];
  if (node.allowFailure) attributes.push('style="rounded,filled,dashed"');
  if (node.trigger) attributes.push("peripheries=2");
  if (node.leftOut) attributes.push('color="#aaaaaa"', 'fontcolor="#999999"');
  return `${node.id} [${attributes.join(", ")}];`;
}

// A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`.
function dotString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}
