// A live log line as text, GitLab-runner- and compose-like: the job's name (`job/service` for a
// service's line) padded to the longest one, a bar, the line. On a terminal each job's prefix has
// its own colour; elsewhere the text is plain.
import type { RunEvent } from "./run-event.js";

/** How log lines are laid out: the prefix width, and each job's colour (absent: no colour). */
export type LogStyle = {
  readonly width: number;
  readonly colours?: ReadonlyMap<string, string>;
};

/** Foreground colours that read on dark and light backgrounds: cyan, yellow, green, magenta, blue, red. */
const PALETTE = ["36", "33", "32", "35", "34", "31"];

/**
 * The style for the prefixes `names` (job names, and `job/service` ones with service logs):
 * aligned to the longest; coloured per job when `colour`.
 * @example logStyle(["build", "test"], false) // { width: 5 }
 */
export function logStyle(names: readonly string[], colour: boolean): LogStyle {
  const width = Math.max(0, ...names.map((name) => name.length));
  if (!colour) return { width };
  const jobs = [...new Set(names.map((name) => name.split("/")[0] ?? name))];
  return {
    width,
    colours: new Map(jobs.map((job, index) => [job, PALETTE[index % PALETTE.length] ?? "0"])),
  };
}

/** `build  | line`, or `build/db | line` for a service's line. */
export function logLineText(event: Extract<RunEvent, { type: "log" }>, style: LogStyle): string {
  const name = event.container === undefined ? event.job : `${event.job}/${event.container}`;
  const prefix = `${name.padEnd(style.width)} |`;
  const colour = style.colours?.get(event.job);
  return colour === undefined
    ? `${prefix} ${event.line}`
    : `\u001b[${colour}m${prefix}\u001b[0m ${event.line}`;
}
