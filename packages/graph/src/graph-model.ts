// The picture's model: which boxes and which arrows, before any layout. Built from core's job
// graph (stages, `needs` edges) and core's names for parallel/matrix instances.
import {
  type Job,
  type JobGraph,
  type JobSelection,
  jobGraph,
  normalizePipeline,
  type Pipeline,
  parallelJobNames,
} from "@pipecraft/core";

/** How a job runs, as the picture marks it. */
export type NodeWhen = "on_success" | "manual" | "delayed" | "on_failure" | "always" | "never";

/** One box: a job, or one instance of a `parallel`/`matrix` job. */
export type GraphNode = {
  /** A stable id (`n0`, `n1` …) in declaration order: safe in every output format. */
  readonly id: string;
  /** The name GitLab shows (`test 1/3`, `build: [linux, 22]`). */
  readonly label: string;
  /** The job it comes from (the key of `jobs`). */
  readonly job: string;
  /** The `parallel` group it belongs to (the job's name), or undefined for a single job. */
  readonly group: string | undefined;
  readonly stage: string;
  readonly stageIndex: number;
  readonly when: NodeWhen;
  readonly allowFailure: boolean;
  /** A trigger job (child or multi-project pipeline). */
  readonly trigger: boolean;
  /** Not created for the selection's variables (`--var`): `rules` leave it out; drawn greyed. */
  readonly leftOut: boolean;
  /** How many boxes this one stands for (more than one once groups or stages are collapsed). */
  readonly count: number;
};

/** An arrow: `to` waits for `from`. `stage` marks an order implied by stages, drawn dashed. */
export type GraphEdge = { readonly from: string; readonly to: string; readonly kind: EdgeKind };

/** `needs`: written by the user; `stage`: implied by a job without `needs` in a later stage. */
export type EdgeKind = "needs" | "stage";

/** Which picture: GitLab's columns per stage, or the dependency graph left to right. */
export type GraphView = "stages" | "needs";

/** Boxes, arrows and the stages in run order (only those with jobs). */
export type GraphModel = {
  readonly view: GraphView;
  readonly stages: readonly string[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
};

/**
 * The graph of a validated pipeline for one view. Every view has the `needs` edges; the needs
 * view also has the stage-implied ones (from each job of the previous stage that has jobs).
 * With a `selection` (core's `selectJobs`), the jobs it does not create are `leftOut`, and the
 * created ones are marked by the `when` and `allow_failure` their matching rule gives them.
 */
export function graphModel(
  pipeline: Pipeline,
  view: GraphView,
  selection?: JobSelection,
): GraphModel {
  const normalized = normalizePipeline(pipeline);
  const graph = jobGraph(normalized);
  const created = new Map(
    selection?.runs === true ? selection.jobs.map((job) => [job.name, job]) : [],
  );
  const nodes: GraphNode[] = [];
  const byJob = new Map<string, GraphNode[]>();
  for (const job of graph.jobs) {
    const definition = normalized.jobs[job.name] as Job;
    const names = parallelJobNames(job.name, definition.parallel);
    const instances = names.map((label) => {
      const selected = created.get(label);
      const node: GraphNode = {
        id: `n${nodes.length}`,
        label,
        job: job.name,
        group: names.length > 1 ? job.name : undefined,
        stage: job.stage,
        stageIndex: job.stageIndex,
        when: selected?.when ?? nodeWhen(definition),
        allowFailure:
          selected === undefined ? allowsFailure(definition) : selected.allowFailure !== false,
        trigger: definition.trigger !== undefined,
        leftOut: selection !== undefined && selected === undefined,
        count: 1,
      };
      nodes.push(node);
      return node;
    });
    byJob.set(job.name, instances);
  }
  const edges: GraphEdge[] = graph.edges.flatMap((edge) =>
    cross(byJob.get(edge.from), byJob.get(edge.to), "needs"),
  );
  if (view === "needs") edges.push(...stageEdges(graph, byJob));
  const used = new Set(graph.jobs.map((job) => job.stageIndex));
  return {
    view,
    stages: graph.stages.filter((_, index) => used.has(index)),
    nodes,
    edges,
  };
}

// A job without `needs` waits for every job of the earlier stages; drawing an arrow from the
// previous stage that has jobs says as much without a quadratic number of arrows.
function stageEdges(graph: JobGraph, byJob: ReadonlyMap<string, GraphNode[]>): GraphEdge[] {
  const jobsOfStage = new Map<number, string[]>();
  for (const job of graph.jobs) {
    const list = jobsOfStage.get(job.stageIndex);
    if (list === undefined) jobsOfStage.set(job.stageIndex, [job.name]);
    else list.push(job.name);
  }
  const edges: GraphEdge[] = [];
  for (const job of graph.jobs) {
    if (job.needs !== undefined) continue;
    let previous = job.stageIndex - 1;
    while (previous >= 0 && !jobsOfStage.has(previous)) previous--;
    for (const from of jobsOfStage.get(previous) ?? []) {
      edges.push(...cross(byJob.get(from), byJob.get(job.name), "stage"));
    }
  }
  return edges;
}

function cross(
  from: readonly GraphNode[] | undefined,
  to: readonly GraphNode[] | undefined,
  kind: EdgeKind,
): GraphEdge[] {
  return (from ?? []).flatMap((a) => (to ?? []).map((b) => ({ from: a.id, to: b.id, kind })));
}

function nodeWhen(job: Job): NodeWhen {
  return typeof job.when === "string" ? job.when : "on_success";
}

function allowsFailure(job: Job): boolean {
  const value: unknown = job.allow_failure;
  // GitLab: manual jobs may fail unless they say otherwise.
  if (value === undefined) return job.when === "manual";
  return value !== false;
}
