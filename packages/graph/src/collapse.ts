// Fewer boxes for the same pipeline: a parallel/matrix group as one box, or a stage as one box.
// Mermaid needs this for large pipelines (its default limits on edges and text size).
import type { GraphEdge, GraphModel, GraphNode } from "./graph-model.js";

/** The model with every parallel/matrix group drawn as one box, labelled `name ×N`. */
export function collapseGroups(model: GraphModel): GraphModel {
  return merge(model, (node) => (node.group === undefined ? undefined : `group:${node.group}`));
}

/** The model with every stage drawn as one box, labelled `stage (N jobs)`. */
export function collapseStages(model: GraphModel): GraphModel {
  return merge(model, (node) => `stage:${node.stageIndex}`);
}

// Nodes with the same key become the first of them; edges follow, without duplicates or loops.
function merge(model: GraphModel, key: (node: GraphNode) => string | undefined): GraphModel {
  const members = new Map<string, GraphNode[]>();
  for (const node of model.nodes) {
    const k = key(node);
    if (k === undefined) continue;
    const list = members.get(k);
    if (list === undefined) members.set(k, [node]);
    else list.push(node);
  }
  const replacement = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const node of model.nodes) {
    const k = key(node);
    const group = k === undefined ? undefined : members.get(k);
    if (group === undefined || group.length === 1) {
      nodes.push(node);
      continue;
    }
    const first = group[0] as GraphNode;
    replacement.set(node.id, first.id);
    if (first !== node) continue;
    const count = group.reduce((sum, member) => sum + member.count, 0);
    const byStage = k?.startsWith("stage:") === true;
    nodes.push({
      ...first,
      label: byStage ? `${first.stage} (${count} jobs)` : `${first.job} ×${count}`,
      job: byStage ? first.stage : first.job,
      group: undefined,
      leftOut: group.every((member) => member.leftOut),
      count,
    });
  }
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const edge of model.edges) {
    const from = replacement.get(edge.from) ?? edge.from;
    const to = replacement.get(edge.to) ?? edge.to;
    const id = `${from}\u0000${to}`;
    if (from === to || seen.has(id)) continue;
    seen.add(id);
    edges.push({ from, to, kind: edge.kind });
  }
  return { ...model, nodes, edges };
}
