// `pipecraft/runtime`: what needs a cluster — planning a run, running it, its events. A separate
// entry so that loading `pipeline.ts` (which imports `pipecraft`) never loads
// @kubernetes/client-node. Each name is chosen; the list is pinned by test/exports.test.ts.
export type {
  AllowFailure,
  AppliedObject,
  ApplyOptions,
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
  RateLimit,
  ReportedStatus,
  RunEvent,
  RunObjects,
  RunPipelineOptions,
  RunPlan,
  RunResult,
  ScheduleAction,
} from "@pipecraft/runtime";
export {
  applyObjects,
  ClusterError,
  DEFAULT_RATE_LIMIT,
  loadKubeConfig,
  newRunId,
  pipelineStatus,
  planRun,
  runPipeline,
  schedule,
  textLines,
  withRateLimit,
} from "@pipecraft/runtime";
