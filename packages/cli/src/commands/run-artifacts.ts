// What `pipecraft run --artifacts DIR` copies back: each planned job's `artifacts:paths` (with
// `default` applied) and `artifacts:when`, keyed by the planned job's name.
import { jobWithDefaults, type Pipeline } from "@pipecraft/core";
import { isTaggedValue } from "@pipecraft/emit";
import type { ArtifactPaths, PlannedJob } from "@pipecraft/runtime";

/** The artifacts a run copies back, per planned job (jobs without `artifacts:paths` left out). */
export function artifactPaths(
  pipeline: Pipeline,
  jobs: readonly PlannedJob[],
): Map<string, ArtifactPaths> {
  const result = new Map<string, ArtifactPaths>();
  for (const planned of jobs) {
    const job = pipeline.jobs[planned.job];
    if (job === undefined || isTaggedValue(job)) continue;
    const artifacts = jobWithDefaults(pipeline, job).artifacts;
    if (artifacts === undefined || artifacts === null || isTaggedValue(artifacts)) continue;
    const paths = (artifacts.paths ?? []).filter((path) => typeof path === "string");
    if (paths.length === 0) continue;
    result.set(planned.name, { paths, when: artifacts.when ?? "on_success" });
  }
  return result;
}
