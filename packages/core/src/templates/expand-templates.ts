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
  /** Jobs whose `extends` chain is broken (unknown base or cycle): their content is partial. */
  incomplete: ReadonlySet<string>;
  /** Jobs and top-level keywords whose value came (partly) from a `!reference`. */
  referencing: { jobs: ReadonlySet<string>; topLevel: ReadonlySet<string> };
  /** Broken references. */
  diagnostics: Diagnostic[];
};

/**
 * Applies `extends` and resolves `!reference` tags, as GitLab does before it runs anything.
 * `invalidJobs`: jobs left out of `pipeline` because they are invalid; references into them
 * are not reported again.
 */
export function expandTemplates(
  pipeline: Pipeline,
  invalidJobs: ReadonlySet<string> = new Set(),
): TemplateExpansion {
  const { jobs: written, ...topLevel } = pipeline;
  const extended = expandExtends(written);
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
