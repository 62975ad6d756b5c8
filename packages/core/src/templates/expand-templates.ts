import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Job, Pipeline } from "../schema/index.js";
import { expandExtends } from "./expand-extends.js";
import { resolveReferences } from "./resolve-references.js";

/** A pipeline with its templates applied, in GitLab's order: `extends` first, then `!reference`. */
export type TemplateExpansion = {
  /** Every job (hidden templates included) with `extends` applied and references resolved. */
  jobs: ReadonlyMap<string, Job>;
  /** The top-level keywords with references resolved. */
  topLevel: Readonly<Omit<Pipeline, "jobs">>;
  /**
   * Jobs whose content is partial: their `extends` chain is broken (unknown base or cycle), or
   * they (or a base) failed the schema and lost their invalid keywords. A keyword missing from
   * one of them may just be unknown.
   */
  incomplete: ReadonlySet<string>;
  /** Jobs and top-level keywords whose value came (partly) from a `!reference`. */
  referencing: { jobs: ReadonlySet<string>; topLevel: ReadonlySet<string> };
  /** Broken references. */
  diagnostics: Diagnostic[];
};

/**
 * Applies `extends` and resolves `!reference` tags, as GitLab does before it runs anything.
 * `invalidJobs`: jobs that failed the schema, left out of `pipeline` or in it with their invalid
 * keywords left out (`partial`); references into what they lack are not reported again, and
 * the partial ones are `incomplete`.
 */
export function expandTemplates(
  pipeline: Pipeline,
  invalidJobs: ReadonlySet<string> = new Set(),
): TemplateExpansion {
  const { jobs: written, ...topLevel } = pipeline;
  const partial = new Set(Object.keys(written).filter((name) => invalidJobs.has(name)));
  const extended = expandExtends(written, partial);
  const resolved = resolveReferences({ jobs: extended.jobs, topLevel, invalidJobs }, pipeline);
  return {
    jobs: resolved.jobs,
    // Resolution only replaces references by the values they point to.
    topLevel: resolved.topLevel as Omit<Pipeline, "jobs">,
    incomplete: extended.incomplete,
    referencing: resolved.referencing,
    diagnostics: resolved.diagnostics,
  };
}
