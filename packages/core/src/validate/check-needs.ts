import { type Diagnostic, error, warning } from "../diagnostics/diagnostic.js";
import { suggester } from "../diagnostics/did-you-mean.js";
import { formatPath } from "../diagnostics/path.js";
import { findCycles } from "../graph/find-cycles.js";
import { jobStage } from "../graph/job-stage.js";
import { stageIndex } from "../graph/stage-order.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import type { CheckInput } from "./check-input.js";
import { type NamedNeed, needPath, needsLists } from "./job-references.js";
import { knownStage } from "./known-stage.js";

// The three checks of `needs`, one rule each in the CHECKS table: the names as written, the
// order of stages once templates are applied, and cycles among the jobs that run.

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
            "needs/too-many",
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
          diagnostics.push(error("needs/duplicate", path, `${quoted} is listed twice in needs`));
        } else if (problem === "hidden") {
          diagnostics.push(
            error(
              "needs/hidden-job",
              path,
              `${quoted} is a hidden template, which never runs; need a job that runs`,
            ),
          );
        } else {
          const hint = hintFor(need.job);
          diagnostics.push(
            need.optional
              ? warning(
                  "needs/unknown-job",
                  path,
                  `no job named ${quoted} (optional need, ignored)${hint}`,
                )
              : error("needs/unknown-job", path, `no job named ${quoted}${hint}`),
          );
        }
      }
    }
  }
  return diagnostics;
}

/**
 * `needs` of the jobs that run, templates applied: no job needs itself, and every needed job
 * runs in the same or an earlier stage (GitLab: "need X is not defined in current or prior
 * stages"). Stages that are not declared are reported by `checkStages`, not here.
 */
export function checkNeedsOrder(input: CheckInput): Diagnostic[] {
  const stageOf = new Map<string, number | undefined>();
  const indexes = input.stages === undefined ? undefined : stageIndex(input.stages);
  for (const [name, job] of input.expansion.jobs) {
    const stage = knownStage(input, name, job);
    stageOf.set(name, stage === undefined ? undefined : indexes?.get(stage));
  }

  const diagnostics: Diagnostic[] = [];
  for (const [name, job] of input.running) {
    const own = stageOf.get(name);
    for (const list of needsLists(name, job)) {
      for (const need of list.needs) {
        if (need.job === name) {
          diagnostics.push(
            error(
              "needs/self",
              formatPath(needPath(need)),
              `job ${JSON.stringify(name)} needs itself`,
            ),
          );
          continue;
        }
        const other = stageOf.get(need.job);
        if (own === undefined || other === undefined || other <= own) continue;
        const neededJob = input.expansion.jobs.get(need.job)!;
        diagnostics.push(
          error(
            "needs/later-stage",
            formatPath(needPath(need)),
            `${JSON.stringify(need.job)} runs in stage ${JSON.stringify(jobStage(neededJob))}, after this job's stage ${JSON.stringify(jobStage(job))}; a job can only need jobs of its own or an earlier stage`,
          ),
        );
      }
    }
  }
  return diagnostics;
}

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
    return error("needs/cycle", formatPath(needPath(need)), `needs cycle: ${cycle.join(" → ")}`);
  });
}

function allNeeds(name: string, job: Parameters<typeof needsLists>[1]): NamedNeed[] {
  return needsLists(name, job).flatMap((list) => list.needs);
}
