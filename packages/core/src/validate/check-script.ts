import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/path.js";
import type { CheckInput } from "./check-input.js";

/**
 * Every job that runs has something to run: `script`, `trigger` (a downstream pipeline) or
 * `run` (CI steps), possibly inherited through `extends`. Hidden templates are exempt, and so
 * are jobs whose `extends` is broken (reported already; the missing base may hold the script).
 */
export function checkScript(input: CheckInput): Diagnostic[] {
  return input.running
    .filter(([name, job]) => {
      if (input.expansion.incomplete.has(name)) return false;
      return isAbsent(job.script) && isAbsent(job.trigger) && isAbsent(job.run);
    })
    .map(([name]) =>
      error(
        "script/missing",
        formatPath(["jobs", name]),
        "job has nothing to run; add script (or trigger, to start a downstream pipeline)",
      ),
    );
}

// `null` is how a job drops an inherited keyword, so it counts as absent.
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}
