import { type Diagnostic, error, warning } from "../diagnostics.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import type { CheckInput } from "./check-input.js";
import { suggester } from "./did-you-mean.js";
import { formatPath } from "./format-path.js";
import { needPath, needsLists } from "./job-references.js";

/** GitLab's default limit on the entries of one `needs` list (`ci_max_needs`). */
export const MAX_NEEDS = 50;

/**
 * `needs` as written (in templates too, so a mistake is reported once, where it is written):
 * every name is a job that runs, none is listed twice, and the list is within GitLab's limit.
 */
export function checkNeeds(input: CheckInput): Diagnostic[] {
  const known = new Set(input.names);
  const hintFor = suggester(() => input.names.filter((name) => !isHiddenJob(name)));
  const diagnostics: Diagnostic[] = [];
  for (const [name, job] of Object.entries(input.written)) {
    for (const list of needsLists(name, job)) {
      if (list.entryCount > MAX_NEEDS) {
        diagnostics.push(
          error(
            formatPath(list.path),
            `${list.entryCount} needs; GitLab allows at most ${MAX_NEEDS} per job`,
          ),
        );
      }
      const seen = new Set<string>();
      for (const need of list.needs) {
        const problem = seen.has(need.job)
          ? "twice"
          : !known.has(need.job)
            ? "unknown"
            : isHiddenJob(need.job)
              ? "hidden"
              : undefined;
        seen.add(need.job);
        if (problem === undefined) continue;
        // Paths, quoting and suggestions only on the error path: most needs are fine.
        const path = formatPath(needPath(need));
        const quoted = JSON.stringify(need.job);
        if (problem === "twice") {
          diagnostics.push(error(path, `${quoted} is listed twice in needs`));
        } else if (problem === "hidden") {
          diagnostics.push(
            error(path, `${quoted} is a hidden template, which never runs; need a job that runs`),
          );
        } else {
          const hint = hintFor(need.job);
          diagnostics.push(
            need.optional
              ? warning(path, `no job named ${quoted} (optional need, ignored)${hint}`)
              : error(path, `no job named ${quoted}${hint}`),
          );
        }
      }
    }
  }
  return diagnostics;
}
