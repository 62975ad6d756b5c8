// The user's mistakes: main() reports them as a message and an exit code, never as a crash.
// Anything else thrown is a bug of pipecraft's and keeps its stack.

/** A name typed on the command line that is none of `candidates`, for a did-you-mean hint. */
export type Misspelling = { name: string; candidates: readonly string[] };

/**
 * A mistake in the command line (exit code 2); `command` is `synth`, `validate`, or undefined
 * for the global level. With a `misspelling`, main() appends core's did-you-mean hint.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";

  constructor(
    message: string,
    readonly command: string | undefined,
    readonly misspelling?: Misspelling,
  ) {
    super(message);
  }
}

/**
 * The user's pipeline file could not be turned into a pipeline definition (exit code 1). The
 * message is complete and user-facing, e.g. `pipeline.ts:5:9: Error: boom`.
 */
export class PipelineFileError extends Error {
  override readonly name = "PipelineFileError";
}
