import { type Diagnostic, error } from "../diagnostics.js";
import { findCycles } from "../graph/find-cycles.js";
import { localNeeds } from "../graph/local-needs.js";
import type { CheckInput } from "./check-input.js";
import { formatPath } from "./format-path.js";
import { needPath, ownNeedsList } from "./job-references.js";

/**
 * No cycle of `needs` among the jobs that run (a job needing itself is `checkNeedsOrder`'s).
 * Each cycle is printed as a chain, `build → test → build`: each job needs the next one.
 */
export function checkNeedsCycles(input: CheckInput): Diagnostic[] {
  const running = new Map(input.running);
  const successors = new Map<string, string[]>();
  for (const [name, job] of input.running) {
    const needs = localNeeds(job);
    if (needs === undefined) continue;
    successors.set(
      name,
      needs.map((need) => need.job).filter((other) => other !== name && running.has(other)),
    );
  }
  const cycles = findCycles({ nodes: [...running.keys()], successors });
  return cycles.map((cycle) => {
    const [first, next] = cycle as [string, string];
    // Paths are worked out for the reported jobs only.
    const need = ownNeedsList(first, running.get(first)!)!.needs.find(
      (entry) => entry.job === next,
    )!;
    return error(formatPath(needPath(need)), `needs cycle: ${cycle.join(" → ")}`);
  });
}
