// `kubernetes: { skip: true }`: a job that makes no sense on a cluster (a Windows or macOS job,
// a job that talks to GitLab itself) is left out of the Kubernetes targets, as a `trigger` job
// is. What needs it must say so: an optional need is dropped, a required one is an error.
import {
  type Diagnostic,
  errorDiagnostic,
  formatPath,
  type Job,
  type Pipeline,
} from "@pipecraft/core";
import { isTaggedValue } from "@pipecraft/emit";

/** The pipeline without its `kubernetes.skip` jobs, and an error for every required need on one. */
export function withoutSkippedJobs(pipeline: Pipeline): {
  pipeline: Pipeline;
  diagnostics: Diagnostic[];
} {
  const skipped = new Set(
    Object.entries(pipeline.jobs)
      .filter(([, job]) => job.kubernetes?.skip === true)
      .map(([name]) => name),
  );
  if (skipped.size === 0) return { pipeline, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const jobs: Record<string, Job> = {};
  for (const [name, job] of Object.entries(pipeline.jobs)) {
    if (skipped.has(name)) continue;
    const path = ["jobs", name];
    const needs = keptNeeds(job.needs, skipped, [...path, "needs"], diagnostics);
    const rules = Array.isArray(job.rules)
      ? job.rules.map((rule, index) =>
          // A nested list of rules (GitLab flattens it) keeps its needs as written.
          Array.isArray(rule) || isTaggedValue(rule) || rule.needs === undefined
            ? rule
            : {
                ...rule,
                needs: keptNeeds(
                  rule.needs,
                  skipped,
                  [...path, "rules", index, "needs"],
                  diagnostics,
                ),
              },
        )
      : undefined;
    const dependencies = Array.isArray(job.dependencies)
      ? job.dependencies.filter((dependency) => !skipped.has(dependency))
      : undefined;
    jobs[name] = {
      ...job,
      ...(needs === undefined ? {} : { needs }),
      ...(rules === undefined ? {} : { rules }),
      ...(dependencies === undefined ? {} : { dependencies }),
    } as Job;
  }
  return { pipeline: { ...pipeline, jobs }, diagnostics };
}

// Needs as the model holds them (a list, or an unresolved `!reference`), without those on
// skipped jobs.
function keptNeeds<T>(
  needs: T,
  skipped: ReadonlySet<string>,
  path: readonly (string | number)[],
  diagnostics: Diagnostic[],
): T {
  if (!Array.isArray(needs)) return needs;
  return needs.filter((need: unknown, index) => {
    const named = neededJob(need);
    if (named === undefined || !skipped.has(named.job)) return true;
    if (!named.optional) {
      diagnostics.push(
        errorDiagnostic(
          "kubernetes/need-skipped-job",
          formatPath([...path, index]),
          `${JSON.stringify(named.job)} is left out of Kubernetes (kubernetes.skip), so this job would wait for it forever; skip this job too, or write needs: [{ job: ${JSON.stringify(named.job)}, optional: true }]`,
        ),
      );
    }
    return false;
  }) as T;
}

function neededJob(need: unknown): { job: string; optional: boolean } | undefined {
  if (typeof need === "string") return { job: need, optional: false };
  if (typeof need !== "object" || need === null || isTaggedValue(need)) return undefined;
  const { job, optional, pipeline, project } = need as Record<string, unknown>;
  if (typeof job !== "string" || pipeline !== undefined || project !== undefined) return undefined;
  return { job, optional: optional === true };
}
