import type { Job } from "@pipecraft/core";
import { plainValue } from "./plain-value.js";

/** Where a job sits in the run: what the runtime needs to schedule it. */
export type JobPlacement = {
  readonly ciName: string;
  readonly stage: string;
  readonly stageIndex: number;
  /** Names of the Jobs it waits for; undefined: it waits for every job of the earlier stages. */
  readonly needs: readonly string[] | undefined;
};

/**
 * The `pipecraft.dev/…` annotations of a Job: its GitLab name, stage order, needs, and the
 * keywords only a scheduler can honour (when, allow_failure, start_in …). Absent keywords
 * leave no annotation.
 */
export function jobAnnotations(placement: JobPlacement, job: Job): Record<string, string> {
  const annotations: Record<string, string> = {
    "pipecraft.dev/job-name": placement.ciName,
    "pipecraft.dev/stage": placement.stage,
    "pipecraft.dev/stage-index": String(placement.stageIndex),
  };
  if (placement.needs !== undefined)
    annotations["pipecraft.dev/needs"] = JSON.stringify(placement.needs);
  const when = plainValue(job.when);
  if (when !== undefined && when !== "on_success") annotations["pipecraft.dev/when"] = when;
  const allowFailure = plainValue(job.allow_failure);
  if (allowFailure !== undefined) {
    annotations["pipecraft.dev/allow-failure"] =
      typeof allowFailure === "boolean" ? String(allowFailure) : JSON.stringify(allowFailure);
  }
  if (job.start_in !== undefined) annotations["pipecraft.dev/start-in"] = job.start_in;
  if (job.manual_confirmation !== undefined) {
    annotations["pipecraft.dev/manual-confirmation"] = job.manual_confirmation;
  }
  if (job.interruptible !== undefined)
    annotations["pipecraft.dev/interruptible"] = String(job.interruptible);
  if (job.resource_group !== undefined)
    annotations["pipecraft.dev/resource-group"] = job.resource_group;
  return annotations;
}
