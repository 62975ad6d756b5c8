/** A mistake in the command line (exit code 2); `command` is `synth`, `validate`, or undefined for the global level. */
export class UsageError extends Error {
  override readonly name = "UsageError";

  constructor(
    message: string,
    readonly command: string | undefined,
  ) {
    super(message);
  }
}
