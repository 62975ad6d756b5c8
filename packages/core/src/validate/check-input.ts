import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Job, Pipeline } from "../schema/index.js";
import type { TemplateExpansion } from "../templates/expand-templates.js";

/** What every semantic check reads: the pipeline as written and with its templates applied. */
export type CheckInput = {
  /** Every job name written, in order, including jobs whose body failed the schema. */
  names: readonly string[];
  /** Hidden keys that hold something other than a job, with why it is not one. */
  hiddenValues: ReadonlyMap<string, string>;
  /** Whether `jobs` is an object at all (when it is not, the schema says so already). */
  hasJobs: boolean;
  /**
   * The jobs as written (hidden templates included, hidden values not), `extends` not applied: the valid ones,
   * and of invalid ones their valid keywords, so that their references are checked too.
   */
  written: Readonly<Record<string, Job>>;
  /** The valid top-level keywords as written. */
  writtenTopLevel: Readonly<Omit<Pipeline, "jobs">>;
  /** The valid jobs and keywords only, with `extends` applied and `!reference` resolved. */
  expansion: TemplateExpansion;
  /** The jobs that run (not hidden templates), from `expansion`, in declaration order. */
  running: readonly (readonly [string, Job])[];
  /** Stages in run order (`.pre`, declared or default stages, `.post`); undefined if invalid. */
  stages: readonly string[] | undefined;
};

/** One semantic check: every problem it finds, in declaration order. */
export type Check = (input: CheckInput) => Diagnostic[];
