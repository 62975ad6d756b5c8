/** The process exit codes of `pipecraft`, documented in the usage text. */
export const ExitCode = {
  /** The command did what was asked: written, valid, or up to date. */
  ok: 0,
  /** The pipeline is invalid, its file failed to load, `--check` found the output stale, or a write failed. */
  failure: 1,
  /** The command line is wrong: unknown command or option, missing value, conflicting options, no such `--app` file. */
  usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
