import type { Job } from "../schema/index.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import type { CheckInput } from "./check-input.js";

/** The jobs that run (not hidden templates), `extends` applied, in declaration order. */
export function visibleJobs(input: CheckInput): [string, Job][] {
  return [...input.expansion.jobs].filter(([name]) => !isHiddenJob(name));
}
