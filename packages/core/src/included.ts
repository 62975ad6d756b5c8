import type { z } from "zod";
import type { includeItemSchema } from "./schema/include.js";
import type { ReadonlyInput } from "./schema/readonly-input.js";

declare const provides: unique symbol;

/** One `include` entry as written (any form GitLab accepts). */
export type IncludeEntry = ReadonlyInput<z.input<typeof includeItemSchema>>;

/**
 * An `include` entry that says, for the type checker, which jobs and hidden templates the file
 * provides. The mark exists only in types: at run time the entry is exactly what was passed.
 */
export type IncludedEntry<
  Entry extends IncludeEntry,
  Jobs extends string,
  Templates extends string,
> = Entry & { readonly [provides]?: { readonly jobs: Jobs; readonly templates: Templates } };

/** What an included file provides: its jobs, and its hidden `.templates`. */
export type IncludeProvides<Jobs extends string, Templates extends `.${string}`> = {
  readonly jobs?: readonly Jobs[];
  readonly templates?: readonly Templates[];
};

/** The jobs the entries of `include` declare they provide. */
export type IncludedJobName<Include> = Include extends readonly (infer Entry)[]
  ? ProvidedBy<Entry>["jobs"]
  : ProvidedBy<Include>["jobs"];

/** The hidden templates the entries of `include` declare they provide. */
export type IncludedTemplateName<Include> = Include extends readonly (infer Entry)[]
  ? ProvidedBy<Entry>["templates"]
  : ProvidedBy<Include>["templates"];

type ProvidedBy<Entry> = Entry extends { readonly [provides]?: infer Provided }
  ? Provided extends { jobs: infer Jobs extends string; templates: infer Templates extends string }
    ? { jobs: Jobs; templates: Templates }
    : { jobs: never; templates: never }
  : { jobs: never; templates: never };

/**
 * Declares what an include provides, so that `needs`, `extends` and overrides of its jobs
 * type-check; the entry is written to GitLab as it is (GitLab keywords untouched).
 * @example included({ template: "Security/SAST.gitlab-ci.yml" }, { jobs: ["semgrep-sast"] })
 */
export function included<
  const Entry extends IncludeEntry,
  const Jobs extends string = never,
  const Templates extends `.${string}` = never,
>(
  entry: Entry,
  _provides: IncludeProvides<Jobs, Templates>,
): IncludedEntry<Entry, Jobs, Templates> {
  return entry;
}
