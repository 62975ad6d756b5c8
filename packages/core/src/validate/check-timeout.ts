import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/path.js";
import { parseDuration } from "../duration/parse-duration.js";
import type { CheckInput } from "./check-input.js";

// GitLab refuses job timeouts over a month (its project-wide maximum build timeout).
const MAXIMUM_SECONDS = 2_592_000;

/** Every `timeout` (jobs and `default`) is a duration GitLab accepts: up to one month. */
export function checkTimeout(input: CheckInput): Diagnostic[] {
  const places: [readonly (string | number)[], unknown][] = [
    [["default", "timeout"], input.writtenTopLevel.default?.timeout],
    ...Object.entries(input.written).map(([name, job]): [readonly (string | number)[], unknown] => [
      ["jobs", name, "timeout"],
      job.timeout,
    ]),
  ];
  return places.flatMap(([path, timeout]) => {
    if (typeof timeout !== "string") return [];
    const seconds = parseDuration(timeout);
    if (seconds === undefined) {
      const message = `"${timeout}" is not a duration; write e.g. "1h 30m"`;
      return [error("timeout/invalid", formatPath(path), message)];
    }
    if (seconds > MAXIMUM_SECONDS) {
      const message = `"${timeout}" is longer than GitLab allows for a job (1 month)`;
      return [error("timeout/too-long", formatPath(path), message)];
    }
    return [];
  });
}
