// Run ids: short, sortable (time first) and usable inside object names.

/** What a run id may look like: a DNS label of at most 20 characters, so that names keep room. */
export const RUN_ID_PATTERN = /^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$/;

/**
 * A new run id: the time in milliseconds in base 36 (8 characters until 2059, so ids sort by
 * time) and three random base-36 characters. `random` returns numbers in [0, 1).
 * @example newRunId(Date.now(), Math.random) // "mig3k2a1x7q"
 */
export function newRunId(now: number, random: () => number): string {
  const suffix = Array.from({ length: 3 }, () => Math.floor(random() * 36).toString(36)).join("");
  return `${now.toString(36)}${suffix}`;
}

/** Why `id` cannot be a run id, or undefined when it can. */
export function runIdProblem(id: string): string | undefined {
  return RUN_ID_PATTERN.test(id)
    ? undefined
    : "is not a run id: up to 20 lower-case letters, digits and '-', starting and ending with a letter or digit";
}
