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
