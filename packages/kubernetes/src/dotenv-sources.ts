import type { Job, JobNode } from "@pipecraft/core";
import { plainValue } from "./plain-value.js";

/** The dotenv report files a job writes (`artifacts.reports.dotenv`), relative to the project. */
export function dotenvReports(job: Job): string[] {
  const artifacts = plainValue(job.artifacts);
  const dotenv = artifacts?.reports?.dotenv;
  return dotenv === undefined ? [] : [dotenv].flat();
}

/**
 * The dotenv files whose variables a job gets, as GitLab passes them on: from the jobs it needs
 * (unless `artifacts: false`), or without `needs` from every job of the earlier stages; either
 * way limited to `dependencies` when the job lists them. Files are read at run time from the
 * shared workspace, so a job that did not run leaves nothing to read.
 */
export function dotenvSources(
  node: JobNode,
  job: Job,
  nodes: readonly JobNode[],
  reports: ReadonlyMap<string, readonly string[]>,
): string[] {
  // Most pipelines have no dotenv report: skip the walk over the earlier stages.
  if (reports.size === 0) return [];
  const upstream =
    node.needs === undefined
      ? nodes.filter((other) => other.stageIndex < node.stageIndex).map((other) => other.name)
      : node.needs.filter((need) => need.artifacts).map((need) => need.job);
  const dependencies = job.dependencies;
  const chosen =
    dependencies === undefined ? upstream : upstream.filter((name) => dependencies.includes(name));
  return [...new Set(chosen.flatMap((name) => reports.get(name) ?? []))];
}
