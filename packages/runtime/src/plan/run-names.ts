// Per-run names. The Kubernetes target names every object `<pipeline>-<job>` (stable, so that a
// reviewed manifest keeps its name); a run puts its id after the pipeline's name, so that two
// runs of one pipeline never share a Job (a Job's template is immutable) or a workspace.

const MAX_NAME = 63;

/**
 * The run's name for an object the target named `<pipeline>-<rest>`: `<pipeline>-<runId>-<rest>`,
 * cut to 63 characters without a dangling `-`.
 * @example runObjectName("shop", "mig3k2a1x7q", "shop-build") // "shop-mig3k2a1x7q-build"
 */
export function runObjectName(pipeline: string, runId: string, targetName: string): string {
  const rest = targetName.startsWith(`${pipeline}-`) ? targetName.slice(pipeline.length + 1) : "";
  const name = [pipeline, runId, rest].filter((part) => part !== "").join("-");
  return name.slice(0, MAX_NAME).replace(/-+$/, "");
}

/** The run record's name: a ConfigMap `<pipeline>-run-<runId>` that owns every object of the run. */
export function runRecordName(pipeline: string, runId: string): string {
  return `${pipeline}-run-${runId}`;
}
