import type { z } from "zod";
import type { JobInput } from "./job.js";
import type { localNeedSchema, pipelineNeedSchema, projectNeedSchema } from "./needs.js";
import type { NestedEntry } from "./nested-list.js";
import type { Reference } from "./reference-value.js";
import type { jobRuleSchema } from "./rules.js";

// `stages` may nest lists (YAML anchors); GitLab flattens them, and so does the type.
type FlatStage<Entry> = Entry extends string
  ? Entry
  : Entry extends readonly (infer Inner)[]
    ? Extract<Inner, string>
    : never;

/**
 * The stage names a pipeline declares: its `stages` (GitLab's defaults build, test, deploy when
 * omitted) plus `.pre`/`.post`, which always exist. Literals are spelled out here rather than
 * through aliases so that editors list them in error messages.
 */
export type StageName<Stages> =
  | (Stages extends readonly unknown[] ? FlatStage<Stages[number]> : "build" | "test" | "deploy")
  | ".pre"
  | ".post";

/** Stages GitLab always has, whatever `stages` says. */
export type BuiltinStageName = StageName<[]>;

/** The stages a pipeline has when it omits `stages`. */
export type DefaultStageName = Exclude<StageName<undefined>, BuiltinStageName>;

type LocalNeed = z.input<typeof localNeedSchema>;

/**
 * No string is of this type. Beside the job names of `{ job }`, it keeps that property from
 * telling the object forms of a need apart, so that a misspelt `{ job: "biuld" }` is reported
 * against the local form, with TypeScript's "Did you mean", rather than against
 * `{ project, job, ref }` ("missing project, ref").
 */
export type NotAJobName = string & { readonly __notAJobName: never };

/** One `needs` entry whose local job names must be one of `JobName`. */
export type PipelineNeed<JobName extends string = string> =
  | JobName
  | (Omit<LocalNeed, "job"> & { job: JobName | NotAJobName })
  | (Omit<z.input<typeof pipelineNeedSchema>, "job"> & { job: string & {} })
  | (Omit<z.input<typeof projectNeedSchema>, "job"> & { job: string & {} })
  | Reference;

type RuleNeed<JobName extends string> =
  | JobName
  | (Pick<LocalNeed, "artifacts" | "optional"> & { job: JobName })
  | Reference;

/** One job rule whose `needs` name jobs of the pipeline. */
export type PipelineJobRule<JobName extends string = string> = Omit<
  z.input<typeof jobRuleSchema>,
  "needs"
> & { needs?: RuleNeed<JobName>[] | Reference };

/** The keywords whose values name other jobs or stages, checked by the type checker. */
export type NameCheckedKeyword = "stage" | "needs" | "dependencies" | "extends" | "rules";

/**
 * A job as written inside `pipeline({ jobs })`: `stage`, `needs`, `dependencies`, `extends` and
 * `rules[].needs` accept only names the pipeline declares. With the default `string` parameters
 * it is any job (what a library can build without knowing the pipeline).
 */
export type PipelineJob<
  JobName extends string = string,
  Stage extends string = string,
  Template extends string = string,
> = Omit<JobInput, NameCheckedKeyword> & {
  /**
   * The stage the job runs in; `test` when omitted.
   * @see https://docs.gitlab.com/ci/yaml/#stage
   */
  stage?: Stage | Reference;
  /**
   * Jobs this job waits for (and takes artifacts from), regardless of stage order.
   * @see https://docs.gitlab.com/ci/yaml/#needs
   */
  needs?: PipelineNeed<JobName>[] | Reference;
  /**
   * Jobs whose artifacts this job downloads; `[]` downloads none.
   * @see https://docs.gitlab.com/ci/yaml/#dependencies
   */
  dependencies?: JobName[];
  /**
   * Jobs or hidden `.templates` whose keywords this job inherits, merged in order.
   * @see https://docs.gitlab.com/ci/yaml/#extends
   */
  extends?: Template | [Template, ...Template[]];
  /**
   * Conditions, checked in order, that decide whether and how the job is added to a pipeline.
   * @see https://docs.gitlab.com/ci/yaml/#rules
   */
  rules?: NestedEntry<PipelineJobRule<JobName> | Reference>[] | Reference | null;
};

// Any stage, with the string literals a template writes kept literal: `satisfies JobTemplate`
// then leaves `stage: "build"` as "build", which `pipeline()` checks against its stages.
type AnyStageName = BuiltinStageName | (string & {});

/**
 * A reusable job for template libraries: names no job, so it fits into any pipeline. `Stage`
 * limits the stages it may set (any by default; a literal stage is checked where it is used).
 * @example const lint = (): JobTemplate => ({ image: "node:22", script: ["npm run lint"] });
 * @example const build = { stage: "build", script: ["make"] } satisfies JobTemplate;
 */
export type JobTemplate<Stage extends string = AnyStageName> = PipelineJob<never, Stage, never>;

/** Names a job may `needs`/`dependencies`: every job except hidden `.templates`. */
export type VisibleJobName<Name extends string> = Exclude<Name, `.${string}`>;
