import { isTaggedValue } from "@pipecraft/emit";
import type { z } from "zod";
import { jobVariables } from "../defaults/job-variables.js";
import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/path.js";
import { matrixCombinations } from "../graph/matrix-combinations.js";
import { parallelJobNames } from "../graph/parallel-job-names.js";
import type { Job, Pipeline } from "../schema/index.js";
import { flatList } from "../schema/nested-list.js";
import type { jobRuleSchema } from "../schema/rules.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import { onlyExceptAdmits } from "./only-except.js";
import { ConditionContext, conditionsHold } from "./rule-conditions.js";
import { variableStrings } from "./rule-variables.js";
import type { SelectionInput, VariableMap } from "./selection-input.js";
import { evaluateWorkflow } from "./workflow.js";

type JobRule = z.output<typeof jobRuleSchema>;

/** How a created job starts: every `when` except `never` (a job that is `never` is not created). */
export type SelectedWhen = Exclude<NonNullable<Job["when"]>, "never">;

/** One job GitLab would create (one per `parallel` / `matrix` instance). */
export type SelectedJob = {
  /** The job's name in the pipeline: `test`, `test 1/3`, `deploy: [aws, eu]`. */
  name: string;
  /** The key of the job in `jobs` it comes from. */
  job: string;
  stage: string;
  when: SelectedWhen;
  /** The effective `allow_failure`: the rule's, else the job's, else true only for a job-level `when: manual`. */
  allowFailure: NonNullable<Job["allow_failure"]>;
  /** `start_in` of a delayed job. */
  startIn?: string;
  /** The job's `needs`, or the matching rule's, which replace them. */
  needs?: NonNullable<Job["needs"]> | NonNullable<JobRule["needs"]>;
  /** Every variable of the job in GitLab's precedence (predefined < pipeline < job < matrix < rule < the run's). */
  variables: Record<string, string>;
  /**
   * The variables GitLab gives the job beyond those written in the pipeline: the matching
   * rule's, then the run's over them (already in `variables`), for a target that sets a job's
   * environment.
   */
  addedVariables: Record<string, string>;
};

/** The pipeline GitLab would create: whether it runs, its name and variables, its jobs, and problems met. */
export type JobSelection = {
  runs: boolean;
  /** `workflow:name`, expanded. */
  name?: string;
  /** The pipeline's variables: predefined < top-level < `workflow:rules` < the run's. */
  variables: Record<string, string>;
  jobs: SelectedJob[];
  diagnostics: Diagnostic[];
};

/**
 * GitLab's job selection as a pure function: `workflow:rules`, then each job's `rules` (first
 * match wins) or `only`/`except`, for the given variables and file lists.
 * @example selectJobs(model, { predefined: { CI_PIPELINE_SOURCE: "push", CI_COMMIT_BRANCH: "main" } }).jobs.map((job) => job.name)
 */
export function selectJobs(pipeline: Pipeline, input: SelectionInput = {}): JobSelection {
  const context = new ConditionContext(input);
  const predefined = input.predefined ?? {};
  const user = input.variables ?? {};
  const topLevel = variableStrings(pipeline.variables);
  const workflow = evaluateWorkflow(
    pipeline.workflow,
    { ...predefined, ...topLevel, ...user },
    (ruleVariables) => ({ ...predefined, ...topLevel, ...ruleVariables, ...user }),
    context,
  );
  const pipelineVariables = { ...predefined, ...topLevel, ...workflow.variables, ...user };
  const base = {
    runs: workflow.runs,
    ...(workflow.name === undefined ? {} : { name: workflow.name }),
  };
  if (!workflow.runs) {
    return { ...base, variables: pipelineVariables, jobs: [], diagnostics: context.diagnostics };
  }
  const inherited = { variables: { ...topLevel, ...workflow.variables } };
  const hasWorkflowRules = pipeline.workflow?.rules !== undefined;
  const jobs: SelectedJob[] = [];
  for (const [name, job] of Object.entries(pipeline.jobs)) {
    if (isHiddenJob(name)) continue;
    const yaml: Record<string, string> = {};
    for (const [key, variable] of jobVariables(inherited, job)) yaml[key] = variable.value;
    const instances = parallelJobNames(name, job.parallel);
    const matrix = matrixOf(job);
    instances.forEach((instance, i) => {
      const variables = { ...predefined, ...yaml, ...(matrix[i] ?? {}), ...user };
      const selected = selectJob(name, instance, job, variables, user, hasWorkflowRules, context);
      if (selected !== undefined) jobs.push(selected);
    });
  }
  return { ...base, variables: pipelineVariables, jobs, diagnostics: context.diagnostics };
}

function matrixOf(job: Job): Record<string, string>[] {
  const parallel = job.parallel;
  if (typeof parallel !== "object" || isTaggedValue(parallel)) return [];
  return matrixCombinations(parallel.matrix as Record<string, unknown>[]).map((combination) =>
    Object.fromEntries(combination),
  );
}

function selectJob(
  name: string,
  instance: string,
  job: Job,
  variables: VariableMap,
  user: VariableMap,
  hasWorkflowRules: boolean,
  context: ConditionContext,
): SelectedJob | undefined {
  const rules = Array.isArray(job.rules) ? flatList(job.rules) : job.rules;
  if (isTaggedValue(rules)) {
    context.report(
      error(
        "rules/unresolved-reference",
        formatPath(["jobs", name, "rules"]),
        "unresolved !reference; the job is treated as not created",
      ),
    );
    return undefined;
  }
  let rule: JobRule | undefined;
  if (rules !== undefined && rules !== null) {
    const index = rules.findIndex(
      (candidate, i) =>
        !isTaggedValue(candidate) &&
        conditionsHold(candidate, variables, context, ["jobs", name, "rules", i]),
    );
    const found = rules[index];
    if (found === undefined || isTaggedValue(found)) return undefined;
    rule = found;
  } else if (!onlyExceptAdmits(job, hasWorkflowRules, variables, context, ["jobs", name])) {
    return undefined;
  }
  const when = rule?.when ?? job.when ?? "on_success";
  if (when === "never") return undefined;
  const startIn = when === "delayed" ? (rule?.start_in ?? job.start_in) : undefined;
  const needs = rule?.needs ?? job.needs;
  return {
    name: instance,
    job: name,
    stage: typeof job.stage === "string" ? job.stage : "test",
    when,
    allowFailure: rule?.allow_failure ?? job.allow_failure ?? job.when === "manual",
    ...(startIn === undefined ? {} : { startIn }),
    ...(needs === undefined ? {} : { needs }),
    variables: { ...variables, ...variableStrings(rule?.variables), ...user },
    addedVariables: { ...variableStrings(rule?.variables), ...user },
  };
}
