import { isTaggedValue } from "@pipecraft/emit";
import type { PathSegment } from "../diagnostics/path.js";
import { localNeeds } from "../graph/local-needs.js";
import type { Job } from "../schema/index.js";
import { flatList } from "../schema/nested-list.js";

/** One job name inside a `needs` list (see `needPath` for where it is written). */
export type NamedNeed = {
  job: string;
  optional: boolean;
  /** The path of the list it is in, e.g. `["jobs", "test", "needs"]`. */
  listPath: readonly PathSegment[];
  index: number;
};

/** One `needs` list of a job (its own, or a rule's), with every entry naming a local job. */
export type NeedsList = { path: PathSegment[]; needs: NamedNeed[]; entryCount: number };

/** The job's own `needs` list, or undefined when it has none (it then follows the stages). */
export function ownNeedsList(name: string, job: Job): NeedsList | undefined {
  return needsList(["jobs", name, "needs"], job.needs);
}

/**
 * Every `needs` list of a job: its own and those of its rules (a matching rule's `needs`
 * replaces the job's). A name's path is its entry, `needs[0]`, in either form.
 */
export function needsLists(name: string, job: Job): NeedsList[] {
  const lists: NeedsList[] = [];
  const own = ownNeedsList(name, job);
  if (own !== undefined) lists.push(own);
  if (Array.isArray(job.rules)) {
    flatList(job.rules).forEach((rule, i) => {
      if (isTaggedValue(rule)) return;
      const list = needsList(["jobs", name, "rules", i, "needs"], rule.needs);
      if (list !== undefined) lists.push(list);
    });
  }
  return lists;
}

function needsList(path: PathSegment[], entries: unknown): NeedsList | undefined {
  if (!Array.isArray(entries)) return undefined;
  const needs = (localNeeds({ needs: entries as Job["needs"] }) ?? []).map((need) => ({
    job: need.job,
    optional: need.optional,
    listPath: path,
    index: need.index,
  }));
  return { path, needs, entryCount: entries.length };
}

/**
 * Where a needed name is written: the entry, `needs[0]`, in the string and the object form
 * alike, so that `{ job: "biuld" }` reads as `"biuld"` does.
 */
export function needPath(need: NamedNeed): PathSegment[] {
  return [...need.listPath, need.index];
}
