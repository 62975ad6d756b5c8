import {
  type Diagnostic,
  errorDiagnostic,
  formatPath,
  type Job,
  type JobGraph,
  type JobSelection,
  type Pipeline,
  warningDiagnostic,
} from "@pipecraft/core";

/** The pipeline GitLab would create for a job selection, and the instance names it keeps. */
export type SelectedPipeline = {
  /** Only the created jobs, each with its matching rule's effect; no `workflow`, `rules`, `only`, `except`. */
  readonly pipeline: Pipeline;
  /** The created jobs' names, one per `parallel`/`matrix` instance (`test: [linux]`). */
  readonly instanceNames: ReadonlySet<string>;
  readonly diagnostics: readonly Diagnostic[];
};

/**
 * Applies a selection (from core's `selectJobs`) to an expanded pipeline: a job no rule creates
 * is left out, and a created job takes the `when`, `allow_failure`, `start_in`, `needs` and
 * `variables` of the rule that matched, and the run's variables over its own. (For a matrix job,
 * the first created combination's rule stands for all of them.)
 */
export function selectedPipeline(expanded: Pipeline, selection: JobSelection): SelectedPipeline {
  const diagnostics: Diagnostic[] = [];
  if (!selection.runs) {
    diagnostics.push(
      warningDiagnostic(
        "kubernetes/no-pipeline",
        "workflow",
        "workflow:rules create no pipeline for these variables: no Jobs are written",
      ),
    );
  }
  const jobs: Record<string, Job> = {};
  for (const [name, job] of Object.entries(expanded.jobs)) {
    const created = selection.jobs.find((entry) => entry.job === name);
    if (created === undefined) continue;
    const { rules: _rules, only: _only, except: _except, ...rest } = job;
    const selected: Job = { ...rest, when: created.when };
    if (created.when !== "delayed") delete selected.start_in;
    else if (created.startIn !== undefined) selected.start_in = created.startIn;
    // Written when it says something: a manual job's default depends on where `when` was written.
    if (
      created.allowFailure !== false ||
      job.allow_failure !== undefined ||
      created.when === "manual"
    )
      selected.allow_failure = created.allowFailure;
    if (created.needs !== undefined) selected.needs = created.needs as Job["needs"];
    // The rule's variables and the run's (`--var`) go into the Job's env over the job's own.
    if (Object.keys(created.addedVariables).length > 0) {
      const own = typeof job.variables === "object" && job.variables !== null ? job.variables : {};
      selected.variables = { ...own, ...created.addedVariables };
    }
    jobs[name] = selected;
  }
  const { workflow: _workflow, ...topLevel } = expanded;
  return {
    pipeline: { ...topLevel, jobs },
    instanceNames: new Set(selection.jobs.map((entry) => entry.name)),
    diagnostics,
  };
}

/**
 * An error for each `needs` on a job of the pipeline that the selection does not create (unless
 * `optional: true`): GitLab refuses to create such a pipeline.
 */
export function needsNotCreated(
  graph: JobGraph,
  expanded: Pipeline,
  selected: Pipeline,
): Diagnostic[] {
  return graph.jobs.flatMap((node) =>
    (node.needs ?? [])
      .filter(
        (need) =>
          !need.optional &&
          Object.hasOwn(expanded.jobs, need.job) &&
          !Object.hasOwn(selected.jobs, need.job),
      )
      .map((need) =>
        errorDiagnostic(
          "kubernetes/need-not-created",
          formatPath(["jobs", node.name, "needs", need.index]),
          `"${node.name}" needs "${need.job}", which its rules do not create for these variables; GitLab would not create this pipeline (use needs: [{ job: "${need.job}", optional: true }] if that is intended)`,
        ),
      ),
  );
}
