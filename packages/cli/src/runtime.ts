// `pipecraft/runtime`: what needs a cluster — planning a run, running it, its events. A separate
// entry so that loading `pipeline.ts` (which imports `pipecraft`) never loads
// @kubernetes/client-node. Each name is chosen; the list is pinned by test/exports.test.ts.
export type {
  AllowFailure,
  ClusterConfig,
  JobState,
  JobStatus,
  JobSummary,
  NotRunJob,
  PipelineStatus,
  PlannedJob,
  PlannedRun,
  PlannedWhen,
  PlanRunOptions,
  ReportedStatus,
  RunEvent,
  RunObjects,
  RunPipelineOptions,
  RunPlan,
  RunResult,
  ScheduleAction,
} from "@pipecraft/runtime";
export {
  ClusterError,
  loadKubeConfig,
  newRunId,
  pipelineStatus,
  planRun,
  runPipeline,
  schedule,
  textLines,
} from "@pipecraft/runtime";
