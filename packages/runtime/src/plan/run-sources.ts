// Where a run's workspace gets the project's files from: stored in the plan (so that an attached
// client knows it), reported in the `run` event, and said in the run's first line.
import { z } from "zod";

/** The job name `--source git` gives the job that fetches the sources. */
export const SOURCES_JOB = "sources";

/** The stage the sources job shows in (GitLab's always-first stage). */
export const SOURCES_STAGE = ".pre";

/**
 * The run's sources: `git` (the job `job` fetches `url` at `commit`; no job when every job has
 * GIT_STRATEGY none), `local` (the working tree is uploaded before the first job), `none`.
 */
export const runSourcesSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("git"),
      /** CI_REPOSITORY_URL, without credentials. */
      url: z.string(),
      /** CI_COMMIT_SHA. */
      commit: z.string(),
      /** The sources job's name; absent when no job of the run needs the sources. */
      job: z.string().optional(),
    })
    .readonly(),
  z.object({ kind: z.literal("local") }).readonly(),
  z.object({ kind: z.literal("none") }).readonly(),
]);

/** The run's sources (see `runSourcesSchema`). */
export type RunSources = z.infer<typeof runSourcesSchema>;

/**
 * The run's first line after its id: what the workspace starts with, and how to change it.
 * @example sourcesText({ kind: "none" })
 */
export function sourcesText(sources: RunSources): string {
  switch (sources.kind) {
    case "none":
      return "sources: none, the workspace starts empty (--source git clones CI_REPOSITORY_URL in a first job, --source local uploads this git working tree)";
    case "local":
      return "sources: local, this git working tree is uploaded into the workspace before the first job (--source none leaves it empty)";
    case "git":
      return sources.job === undefined
        ? `sources: git, but no job needs them (GIT_STRATEGY none everywhere), so nothing is fetched`
        : `sources: git, job "${sources.job}" fetches ${sources.url} at ${sources.commit.slice(0, 8)} before the other jobs (--source none leaves the workspace empty)`;
  }
}
