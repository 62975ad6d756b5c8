/** Where the CLI writes text: `process.stdout`/`process.stderr` in the binary, string buffers in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** True when the stream is a terminal (`process.stdout.isTTY`); absent: not one. */
  readonly isTTY?: boolean;
  /** The terminal's width in columns, when it is one. */
  readonly columns?: number;
}

/**
 * Everything the CLI takes from its process. The binary passes the real process; tests pass their
 * own, so that `main()` runs in-process without touching the test runner's environment.
 */
export interface CliIo {
  cwd: string;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Subscribes to the first Ctrl-C or SIGTERM (the binary exits at once on a second one);
   * returns the unsubscribe function. Absent: the command cannot be interrupted (tests).
   */
  onInterrupt?: (handler: () => void) => () => void;
}
