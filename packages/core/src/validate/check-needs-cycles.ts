import { type Diagnostic, error } from "../diagnostics.js";
import { findCycles } from "../graph/find-cycles.js";
import type { CheckInput } from "./check-input.js";
import { formatPath } from "./format-path.js";
import { type NamedNeed, needPath, needsLists } from "./job-references.js";

/**
 * No cycle of `needs` among the jobs that run (a job needing itself is `checkNeedsOrder`'s).
 * Each cycle is printed as a chain, `build → test → build`: each job needs the next one.
 * A job's own `needs` and those of its rules all count: any of them may be the one in force
 * (a matching rule's `needs` replaces the job's), so a cycle through any of them can happen.
 */
export function checkNeedsCycles(input: CheckInput): Diagnostic[] {
  const running = new Map(input.running);
  const successors = new Map<string, string[]>();
  for (const [name, job] of input.running) {
    const needed = allNeeds(name, job).map((need) => need.job);
    successors.set(
      name,
      needed.filter((other) => other !== name && running.has(other)),
    );
  }
  const cycles = findCycles({ nodes: [...running.keys()], successors });
  return cycles.map((cycle) => {
    const [first, next] = cycle as [string, string];
    // Paths are worked out for the reported jobs only.
    const need = allNeeds(first, running.get(first)!).find((entry) => entry.job === next)!;
    return error(formatPath(needPath(need)), `needs cycle: ${cycle.join(" → ")}`);
  });
}

function allNeeds(name: string, job: Parameters<typeof needsLists>[1]): NamedNeed[] {
  return needsLists(name, job).flatMap((list) => list.needs);
}
