/**
 * The user's pipeline file could not be turned into a pipeline definition (exit code 1). The
 * message is complete and user-facing, e.g. `pipeline.ts:5:9: Error: boom`.
 */
export class PipelineFileError extends Error {
  override readonly name = "PipelineFileError";
}
