/** The process exit codes of `pipecraft`, documented in the usage text. */
export const ExitCode = {
  /** The command did what was asked: written, valid, up to date, or the run passed. */
  ok: 0,
  /** The pipeline is invalid, its file failed to load, `--check` found the output stale, a write failed, or a run failed or is blocked. */
  failure: 1,
  /** The command line is wrong: unknown command or option, missing value, conflicting options, no such `--app` file. */
  usage: 2,
  /** `pipecraft run` was cancelled (Ctrl-C or SIGTERM): 128 + SIGINT, as shells report it. */
  canceled: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
