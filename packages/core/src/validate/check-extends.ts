import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { suggester, suggestionText } from "../diagnostics/did-you-mean.js";
import { formatPath, type PathSegment } from "../diagnostics/path.js";
import type { DirectedGraph } from "../graph/directed-graph.js";
import { findCycles } from "../graph/find-cycles.js";
import { topologicalOrder } from "../graph/topological-order.js";
import type { Job } from "../schema/index.js";
import { extendsOf } from "../templates/extends-of.js";
import type { CheckInput } from "./check-input.js";

/**
 * GitLab's nesting limit for `extends`: a chain of at most 11 links (job → base → … → base).
 * Its code (`Extendable::Entry::MAX_NESTING_LEVELS = 10`) counts the ancestors of an entry that
 * extends again, which allows 11 links and rejects 12 ("nesting too deep in `extends`").
 */
export const MAX_EXTENDS_LEVELS = 11;

/**
 * `extends` as written: every base exists, no job extends itself through a cycle, and no chain
 * is longer than GitLab allows.
 */
export function checkExtends(input: CheckInput): Diagnostic[] {
  const known = new Set(input.names);
  const entries = Object.entries(input.written);
  const suggest = suggester(() => input.names);
  // A job extending itself is a cycle, never the fix for a typo.
  const hintFor = (base: string, name: string) => {
    const hint = suggest(base);
    return hint === suggestionText(name) ? "" : hint;
  };
  const diagnostics: Diagnostic[] = [];

  for (const [name, job] of entries) {
    extendsOf(job).forEach((base, i) => {
      const notAJob = input.hiddenValues.get(base);
      if (notAJob !== undefined) {
        diagnostics.push(
          error(
            "extends/not-a-job",
            formatPath(extendsPath(name, job, i)),
            `${JSON.stringify(base)} is not a job to extend (${notAJob}); extend a job template, or use !reference to reuse part of it`,
          ),
        );
        return;
      }
      if (known.has(base)) return;
      diagnostics.push(
        error(
          "extends/unknown-base",
          formatPath(extendsPath(name, job, i)),
          `no job or template named ${JSON.stringify(base)} to extend${hintFor(base, name)}`,
        ),
      );
    });
  }

  const graph: DirectedGraph = {
    nodes: entries.map(([name]) => name),
    successors: new Map(
      entries.map(([name, job]) => [
        name,
        extendsOf(job).filter((base) => Object.hasOwn(input.written, base)),
      ]),
    ),
  };
  for (const cycle of findCycles(graph)) {
    const [first, next] = cycle as [string, string];
    const job = input.written[first]!;
    diagnostics.push(
      error(
        "extends/cycle",
        formatPath(extendsPath(first, job, extendsOf(job).indexOf(next))),
        `extends cycle: ${cycle.join(" → ")}`,
      ),
    );
  }

  diagnostics.push(...tooDeep(graph, input.written));
  return diagnostics;
}

// Longest chain below each job, from the bases up (a job comes before its bases in the
// topological order, so the reverse visits bases first). Jobs on a cycle have no depth and
// count as chain ends. Only a job whose chain is exactly one link too long is reported: every
// longer chain runs through such a job, and shortening it there fixes them all.
function tooDeep(graph: DirectedGraph, written: Readonly<Record<string, Job>>): Diagnostic[] {
  const depth = new Map<string, number>();
  const deepest = new Map<string, string>();
  for (const name of topologicalOrder(graph).reverse()) {
    let best = 0;
    for (const base of graph.successors.get(name) ?? []) {
      const through = (depth.get(base) ?? 0) + 1;
      if (through > best) {
        best = through;
        deepest.set(name, base);
      }
    }
    depth.set(name, best);
  }
  const diagnostics: Diagnostic[] = [];
  for (const name of graph.nodes) {
    if (depth.get(name) !== MAX_EXTENDS_LEVELS + 1) continue;
    const chain = [name];
    for (let link = deepest.get(name); link !== undefined; link = deepest.get(link)) {
      chain.push(link);
    }
    const job = written[name]!;
    diagnostics.push(
      error(
        "extends/too-deep",
        formatPath(extendsPath(name, job, 0).slice(0, 3)),
        `extends nesting too deep: ${chain.join(" → ")} is ${chain.length - 1} levels; GitLab allows at most ${MAX_EXTENDS_LEVELS}`,
      ),
    );
  }
  return diagnostics;
}

function extendsPath(name: string, job: Job, index: number): PathSegment[] {
  return typeof job.extends === "string"
    ? ["jobs", name, "extends"]
    : ["jobs", name, "extends", Math.max(index, 0)];
}
