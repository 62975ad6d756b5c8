import { labelValue } from "./object-name.js";
import type { RunSettings } from "./run-settings.js";

/** Labels every object of the run carries: who manages it, and which pipeline and run it is. */
export function managedLabels(settings: RunSettings): Record<string, string> {
  return {
    "app.kubernetes.io/managed-by": "pipecraft",
    "pipecraft.dev/pipeline": settings.name,
    "pipecraft.dev/run-id": labelValue(settings.runId),
  };
}

/** Labels of a job's Job and Pod: the run's, plus the job and stage (as label values). */
export function jobLabels(
  settings: RunSettings,
  objectName: string,
  stage: string,
): Record<string, string> {
  const jobPart = objectName.slice(settings.name.length + 1) || objectName;
  return {
    ...managedLabels(settings),
    "pipecraft.dev/job": labelValue(jobPart),
    "pipecraft.dev/stage": labelValue(stage),
  };
}
