import type { Job } from "../schema/index.js";
import { extendsOf } from "./extends-of.js";
import { isPlainObject } from "./is-plain-object.js";
import { applyExtends } from "./merge.js";

// Far beyond GitLab's limit of 11 levels (reported by validation); only stops runaway recursion.
const MAX_FOLLOWED_LEVELS = 64;

/** Jobs with `extends` applied. */
export type ExtendedJobs = {
  /** Every job, hidden templates included, without `extends`, in declaration order. */
  jobs: Map<string, Job>;
  /** Jobs that miss part of what they extend (an unknown base, a cycle): their content is partial. */
  incomplete: Set<string>;
};

/**
 * `partial`: jobs whose own content is partial already (invalid keywords left out); they, and
 * the jobs extending them, are `incomplete`.
 *
 * Applies `extends` the way GitLab does: the bases, each fully extended itself, are merged in
 * the order listed, then the job itself on top (see `merge`). Unknown bases and bases on a
 * cycle are skipped, not fatal: validation reports them, and expanding the rest still lets it
 * check everything else in the same pass.
 */
export function expandExtends(
  jobs: Readonly<Record<string, Job>>,
  partial: ReadonlySet<string> = new Set(),
): ExtendedJobs {
  const expanded = new Map<string, Job>();
  const incomplete = new Set<string>(partial);
  const inProgress = new Set<string>();

  const expand = (name: string, depth: number): Job | undefined => {
    const job = Object.hasOwn(jobs, name) ? jobs[name] : undefined;
    // A hidden key holding something else than a job (a script, a list of rules) is no base.
    if (!isPlainObject(job)) return undefined;
    const done = expanded.get(name);
    if (done !== undefined) return done;
    if (inProgress.has(name) || depth > MAX_FOLLOWED_LEVELS) return undefined;
    inProgress.add(name);
    const bases: Job[] = [];
    for (const baseName of extendsOf(job)) {
      const base = expand(baseName, depth + 1);
      if (base === undefined || incomplete.has(baseName)) incomplete.add(name);
      if (base !== undefined) bases.push(base);
    }
    inProgress.delete(name);
    const result = job.extends === undefined ? job : (applyExtends(bases, job) as Job);
    expanded.set(name, result);
    return result;
  };

  for (const name of Object.keys(jobs)) expand(name, 0);
  // Map insertion order follows recursion (bases first); rebuild it in declaration order.
  // Hidden values (not jobs) are kept as written, for `!reference`.
  const ordered = new Map(
    Object.keys(jobs).map((name) => [name, expanded.get(name) ?? jobs[name]!]),
  );
  return { jobs: ordered, incomplete };
}
