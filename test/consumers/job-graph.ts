import type { Job, Pipeline } from "pipecraft";

/** What two readers of one pipeline must agree on for each job: its stage and what it needs. */
export interface JobShape {
  name: string;
  stage: string;
  needs: string[] | undefined;
}

/** GitLab's stages when a pipeline declares none. */
const defaultStages = ["build", "test", "deploy"];

/** The stages GitLab runs, in order: `.pre`, the declared (or default) stages, `.post`. */
export function effectiveStages(pipeline: Pipeline): string[] {
  const declared = (pipeline.stages ?? defaultStages)
    .flat()
    .filter((stage): stage is string => typeof stage === "string");
  return [".pre", ...declared.filter((stage) => stage !== ".pre" && stage !== ".post"), ".post"];
}

/** The names in a job's `needs`, sorted; undefined when the job has no `needs` keyword. */
export function neededJobNames(needs: unknown): string[] | undefined {
  if (!Array.isArray(needs)) return undefined;
  return needs
    .map((need: unknown) =>
      typeof need === "string" ? need : String((need as { job?: unknown }).job),
    )
    .sort();
}

/** A job's stage as GitLab runs it: its `stage`, or `test` when it has none. */
export function stageOf(name: string, job: Job): string {
  if (job.stage === undefined) return "test";
  if (typeof job.stage !== "string") throw new Error(`jobs.${name}.stage is not a plain string`);
  return job.stage;
}

/** Every visible (non-hidden) job of the model with its stage (GitLab's default: test) and needs. */
export function modelJobShapes(pipeline: Pipeline): JobShape[] {
  return Object.entries(pipeline.jobs)
    .filter(([name]) => !name.startsWith("."))
    .map(([name, job]) => ({
      name,
      stage: stageOf(name, job),
      needs: neededJobNames(job.needs),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function cartesian(entry: Record<string, unknown>): string[][] {
  let combinations: string[][] = [[]];
  for (const value of Object.values(entry)) {
    const values = (Array.isArray(value) ? value : [value]).map(String);
    combinations = combinations.flatMap((prefix) => values.map((item) => [...prefix, item]));
  }
  return combinations;
}

/**
 * The names of the jobs a job becomes at run time, as gitlab-ci-local names them:
 * `name` alone, `name: [i/N]` for `parallel: N`, `name: [v1,v2]` per matrix combination.
 */
export function runtimeJobNames(name: string, job: Job): string[] {
  const parallel = job.parallel;
  if (typeof parallel === "number") {
    return Array.from({ length: parallel }, (_, index) => `${name}: [${index + 1}/${parallel}]`);
  }
  if (
    parallel !== undefined &&
    parallel !== null &&
    typeof parallel === "object" &&
    "matrix" in parallel
  ) {
    return parallel.matrix.flatMap((entry) =>
      cartesian(entry).map((values) => `${name}: [${values.join(",")}]`),
    );
  }
  return [name];
}

// Top-level keys of `--preview` output that are not jobs.
const topLevelKeys = new Set(["stages", "variables", "default", "workflow", "include", "spec"]);

/** The jobs of gitlab-ci-local's `--preview` (extends, defaults and !reference applied). */
export function previewJobShapes(preview: Record<string, unknown>): JobShape[] {
  return Object.entries(preview)
    .filter(([name]) => !topLevelKeys.has(name) && !name.startsWith("."))
    .map(([name, value]) => {
      const job = value as { stage?: unknown; needs?: unknown };
      return { name, stage: String(job.stage ?? "test"), needs: neededJobNames(job.needs) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
