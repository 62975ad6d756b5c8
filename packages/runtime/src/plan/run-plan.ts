// The plan of a run: the jobs GitLab would create for it, in the form the scheduler reads. Plain
// data (JSON), stored in the run record so that a client can read what a run was meant to do.
import type { RunSources } from "./run-sources.js";

/** `allow_failure` as GitLab spells it: a boolean, or the exit codes that are allowed to fail. */
export type AllowFailure = boolean | { readonly exit_codes: number | readonly number[] };

/** How a planned job starts (GitLab's `when`; a job that is `never` is not in the plan). */
export type PlannedWhen = "on_success" | "on_failure" | "always" | "manual" | "delayed";

/** One job of the run: one Kubernetes Job (a matrix combination is its own job). */
export type PlannedJob = {
  /** The name GitLab shows: `build`, `test: [linux]`; the scheduler's key. */
  readonly name: string;
  /** The key in `jobs` it comes from. */
  readonly job: string;
  /** The run's Kubernetes Job (metadata.name). */
  readonly objectName: string;
  readonly stage: string;
  /** The position of the stage in `stages`: jobs without `needs` wait for every lower one. */
  readonly stageIndex: number;
  readonly when: PlannedWhen;
  readonly allowFailure: AllowFailure;
  /** `start_in` of a delayed job, in seconds. */
  readonly startInSeconds?: number;
  /** Its `resource_group`: at most one job of the group runs at a time, across runs. */
  readonly resourceGroup?: string;
  /** Names of the planned jobs it needs; undefined: it waits for the earlier stages. */
  readonly needs?: readonly string[];
  /**
   * `sources`: the job of `--source git` that every other job waits for (see run-sources.ts);
   * `kaniko`: a `kaniko.build()` job, whose executor runs as root (a refused Pod's fix says so).
   */
  readonly role?: "sources" | "kaniko";
  /** True for a job with GIT_STRATEGY none (or empty): it does not wait for the sources job. */
  readonly withoutSources?: boolean;
};

/** A job GitLab would create but a run does not start (a `trigger` job), and why. */
export type NotRunJob = { readonly name: string; readonly stage: string; readonly reason: string };

/** What a run is meant to do: stored in the run record, read by the scheduler. */
export type RunPlan = {
  readonly pipeline: string;
  readonly runId: string;
  readonly namespace: string;
  readonly jobs: readonly PlannedJob[];
  readonly notRun: readonly NotRunJob[];
  /** Manual jobs the user asked to play (`--manual NAME`). */
  readonly play: readonly string[];
  /** Where the workspace gets the project's files from (absent in records of older clients: none). */
  readonly sources?: RunSources;
};
