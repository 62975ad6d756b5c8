import type { Pipeline } from "../schema/index.js";
import { expandTemplates } from "../templates/expand-templates.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import type { DirectedGraph } from "./directed-graph.js";
import { jobStage } from "./job-stage.js";
import { type LocalNeed, localNeeds } from "./local-needs.js";
import { stageOrder } from "./stage-order.js";
import { topologicalOrder } from "./topological-order.js";

/** A `needs` edge: `to` waits for `from` (and downloads its artifacts unless `artifacts` is false). */
export type JobEdge = { from: string; to: string; artifacts: boolean; optional: boolean };

/** One job as a scheduler sees it. */
export type JobNode = {
  name: string;
  stage: string;
  /** Position of `stage` in `JobGraph.stages`. */
  stageIndex: number;
  /**
   * The jobs it waits for when it has `needs` (possibly none: it starts at once); undefined
   * when it has no `needs` and so waits for every job of the earlier stages.
   */
  needs: readonly LocalNeed[] | undefined;
};

/** The run-time shape of a pipeline: what a scheduler (e.g. the Kubernetes runtime) needs. */
export type JobGraph = {
  /** Stages in run order, `.pre` first and `.post` last. */
  stages: readonly string[];
  /** The jobs that run, in declaration order. */
  jobs: readonly JobNode[];
  /** Every `needs` edge between jobs that exist. */
  edges: readonly JobEdge[];
  /**
   * The jobs in an order that respects `needs` and stages (a job without `needs` comes after
   * every job of earlier stages); stable: ties go to the job declared first.
   */
  order: readonly string[];
};

/**
 * The job graph of a validated pipeline. Templates are applied first, so a pipeline normalized
 * with `templates: "hidden"` gives the same graph as an expanded one.
 */
export function jobGraph(pipeline: Pipeline): JobGraph {
  const hasTemplates = Object.entries(pipeline.jobs).some(
    ([name, job]) => isHiddenJob(name) || job.extends !== undefined,
  );
  const expanded = hasTemplates
    ? expandTemplates(pipeline).jobs
    : new Map(Object.entries(pipeline.jobs));
  const stages = stageOrder(pipeline.stages);
  const stagePosition = new Map(stages.map((stage, i) => [stage, i]));
  const jobs: JobNode[] = [...expanded]
    .filter(([name]) => !isHiddenJob(name))
    .map(([name, job]) => {
      const stage = jobStage(job);
      return { name, stage, stageIndex: stagePosition.get(stage) ?? 0, needs: localNeeds(job) };
    });
  const names = new Set(jobs.map((job) => job.name));
  const edges = jobs.flatMap((job) =>
    (job.needs ?? [])
      .filter((need) => names.has(need.job) && need.job !== job.name)
      .map((need) => ({
        from: need.job,
        to: job.name,
        artifacts: need.artifacts,
        optional: need.optional,
      })),
  );
  return { stages, jobs, edges, order: runOrder(stages, jobs, edges) };
}

// Stage-ordered jobs wait for all jobs of every earlier stage: instead of an edge from each of
// those (quadratic), one "stage s may start" node per stage, which waits for the previous one
// and for every job of the previous stage. The barrier names cannot be job names (NUL).
function runOrder(
  stages: readonly string[],
  jobs: readonly JobNode[],
  edges: readonly JobEdge[],
): string[] {
  const barrier = (index: number) => `\u0000stage\u0000${index}`;
  const successors = new Map<string, string[]>();
  const addEdge = (from: string, to: string) => {
    const list = successors.get(from);
    if (list === undefined) successors.set(from, [to]);
    else list.push(to);
  };
  for (let i = 1; i < stages.length; i++) addEdge(barrier(i - 1), barrier(i));
  for (const job of jobs) {
    if (job.needs === undefined) addEdge(barrier(job.stageIndex), job.name);
    if (job.stageIndex + 1 < stages.length) addEdge(job.name, barrier(job.stageIndex + 1));
  }
  for (const edge of edges) addEdge(edge.from, edge.to);
  // Barriers first in the node list: they win ties, so a stage opens as soon as it can.
  const graph: DirectedGraph = {
    nodes: [...stages.map((_, i) => barrier(i)), ...jobs.map((job) => job.name)],
    successors,
  };
  return topologicalOrder(graph).filter((node) => !node.startsWith("\u0000"));
}
