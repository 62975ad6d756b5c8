// Public API of @pipecraft/runtime: what needs a cluster. Re-exports only; each concept lives in
// its own file. The list is pinned by test/exports.test.ts.
export {
  type AppliedObject,
  type ApplyOptions,
  applyObjects,
  FIELD_MANAGER,
  manifestObjects,
} from "./apply/apply-objects.js";
export { applySetId } from "./apply/applyset.js";
export { ClusterError } from "./cluster/api-call.js";
export { type AttachOptions, attachPipeline } from "./cluster/attach-run.js";
export { logFileName } from "./cluster/job-outcome.js";
export { type ClusterConfig, loadKubeConfig } from "./cluster/kube-config.js";
export { withRateLimit } from "./cluster/rate-limited-kube-config.js";
export {
  type ArtifactPaths,
  type RunPipelineOptions,
  type RunResult,
  runPipeline,
} from "./cluster/run-pipeline.js";
export {
  DEFAULT_RATE_LIMIT,
  type RateLimit,
  rateLimitProblem,
} from "./cluster/token-bucket.js";
export { DEFAULT_HELPER_IMAGE } from "./cluster/workspace-pod.js";
export {
  type PlannedRun,
  type PlanRunOptions,
  type PlanSources,
  planRun,
  type RunObjects,
} from "./plan/plan-run.js";
export { withoutCredentials } from "./plan/repository-url.js";
export { newRunId, runIdProblem } from "./plan/run-id.js";
export { runObjectName, runRecordName } from "./plan/run-names.js";
export type { AllowFailure, NotRunJob, PlannedJob, PlannedWhen, RunPlan } from "./plan/run-plan.js";
export { type RunSources, runSourcesSchema, SOURCES_JOB } from "./plan/run-sources.js";
export { DEFAULT_GIT_DEPTH, DEFAULT_GIT_IMAGE } from "./plan/sources-job.js";
export {
  type RoleBindingManifest,
  type RoleManifest,
  type RoleSubject,
  RUN_ROLE_NAME,
  RUN_RULES,
  type RunRule,
  runRole,
  runRoleBinding,
} from "./rbac/run-role.js";
export { type LogStyle, logStyle } from "./report/log-line.js";
export {
  type JobSummary,
  type ReportedStatus,
  type RunEvent,
  runEventSchema,
} from "./report/run-event.js";
export {
  type BoardRow,
  boardLines,
  emptyBoard,
  nextBoard,
  type StatusBoard,
} from "./report/status-board.js";
export { textLines, textTable } from "./report/text-report.js";
export { type CancelResult, cancelRun } from "./runs/cancel-run.js";
export { writeJobLog } from "./runs/job-log.js";
export { deleteRun, findRun, listRuns, type RunInfo, runEnded } from "./runs/run-records.js";
export type { JobState, JobStatus } from "./schedule/job-state.js";
export {
  initialStates,
  type PipelineStatus,
  pipelineStatus,
  type ScheduleAction,
  schedule,
} from "./schedule/scheduler.js";
