import { type Diagnostic, error } from "../diagnostics.js";
import { findCycles } from "../graph/find-cycles.js";
import type { CheckInput } from "./check-input.js";
import { formatPath } from "./format-path.js";
import { type NamedNeed, ownNeedsList } from "./job-references.js";
import { visibleJobs } from "./visible-jobs.js";

/**
 * No cycle of `needs` among the jobs that run (a job needing itself is `checkNeedsOrder`'s).
 * Each cycle is printed as a chain, `build → test → build`: each job needs the next one.
 */
export function checkNeedsCycles(input: CheckInput): Diagnostic[] {
  const jobs = visibleJobs(input);
  const running = new Set(jobs.map(([name]) => name));
  const needsOf = new Map<string, NamedNeed[]>(
    jobs.map(([name, job]) => [
      name,
      (ownNeedsList(name, job)?.needs ?? []).filter(
        (need) => need.job !== name && running.has(need.job),
      ),
    ]),
  );
  const graph = {
    nodes: jobs.map(([name]) => name),
    successors: new Map([...needsOf].map(([name, needs]) => [name, needs.map((n) => n.job)])),
  };
  return findCycles(graph).map((cycle) => {
    const [first, next] = cycle as [string, string];
    const need = needsOf.get(first)!.find((entry) => entry.job === next)!;
    return error(formatPath(need.path), `needs cycle: ${cycle.join(" → ")}`);
  });
}
