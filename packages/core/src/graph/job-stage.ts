import type { Job } from "../schema/index.js";
import { DEFAULT_JOB_STAGE } from "./stage-order.js";

/** The stage a job runs in: its `stage`, or `test` when it names none (as in GitLab). */
export function jobStage(job: Pick<Job, "stage">): string {
  // A stage given as an unresolved `!reference` is unknown here; validation resolves it first.
  return typeof job.stage === "string" ? job.stage : DEFAULT_JOB_STAGE;
}
