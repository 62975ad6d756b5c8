// A job's log file from the lines its follower printed, when that is the whole log: then the
// file costs no request. Otherwise (the job was not followed, or its follower stopped short) the
// file is read from the API server once the job has ended (job-outcome.ts). Pure: no I/O.

/** What a job container's follower read: its lines, and whether it read the log to its end. */
export type FollowedLog = {
  readonly lines: readonly string[];
  /** True when the follower's last read, after the container ended, was read whole. */
  readonly complete: boolean;
};

/**
 * The text of a job's log file from its follower, one line a line as the API server sends the
 * log; undefined when the follower does not have the whole log, and the file must be read.
 */
export function followedLogText(followed: FollowedLog | undefined): string | undefined {
  if (followed === undefined || !followed.complete) return undefined;
  return followed.lines.map((line) => `${line}\n`).join("");
}
