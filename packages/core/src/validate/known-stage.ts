import { jobStage } from "../graph/job-stage.js";
import type { Job } from "../schema/index.js";
import type { CheckInput } from "./check-input.js";

/**
 * The stage a job runs in, or undefined when it is unknown: the job's content is partial (an
 * invalid or broken-`extends` job) and names no stage, so its stage may just be missing from
 * what could be read, and assuming GitLab's default would report problems that are not there.
 */
export function knownStage(input: CheckInput, name: string, job: Job): string | undefined {
  if (job.stage === undefined && input.expansion.incomplete.has(name)) return undefined;
  return jobStage(job);
}
