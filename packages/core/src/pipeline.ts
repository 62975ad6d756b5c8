import type { YamlValue } from "@pipecraft/emit";
import { z } from "zod";
import type { IncludedJobName, IncludedTemplateName } from "./included.js";
import type { PipelineInput } from "./schema/pipeline-input.js";
import type { PipelineJob, StageName, VisibleJobName } from "./schema/pipeline-job.js";
import type { ReadonlyInput } from "./schema/readonly-input.js";

/** Options of `pipeline()`. */
export const pipelineOptionsSchema = z.strictObject({
  templates: z
    .enum(["expanded", "hidden"])
    .optional()
    .describe(
      "expanded (default): hidden .templates are merged into jobs; hidden: kept in the output",
    ),
});

/** Options of `pipeline()`: how hidden `.templates` appear in the output. */
export type PipelineOptions = z.input<typeof pipelineOptionsSchema>;

/** What `pipeline()` returns: the user's input, untouched, for `validatePipeline` to check. */
export interface PipelineDefinition {
  readonly kind: "pipecraft.pipeline";
  readonly input: PipelineInput;
  readonly options: PipelineOptions;
}

/** `include` as written: one entry or a list. */
type IncludeInput = ReadonlyInput<NonNullable<PipelineInput["include"]>>;

/** One `stages` entry as written (GitLab flattens nested lists). */
type StagesInput = NonNullable<PipelineInput["stages"]>;

// When the names are not literal (jobs built in a loop into a `Record<string, …>`), any name is
// accepted.
type OtherJobName<Name extends string, Key> = string extends Name ? string : Exclude<Name, Key>;

// `Written` is inferred from the names a job writes. Literal names are checked against `Names`;
// names widened to `string` (a job declared in a `const` without `as const`, a template with an
// open stage) are accepted, and validation checks them.
type Checked<Written, Names extends string> = string extends Written ? Written & string : Names;

type JobNameOf<Jobs> = Extract<keyof Jobs, string>;

/**
 * The jobs of a pipeline, keyed by name. Every reference to a job or stage is checked against
 * the names declared here (`NoInfer`: a typo is an error, not a new name). Values declared
 * `as const` fit (arrays may be readonly); so do jobs declared in a `const` without `as const`,
 * whose names are then checked by validation. A job may not extend itself; that it does not
 * need itself is left to validation, because a job built by a generic function has a type that
 * names every job of its family, itself included. `Jobs` is inferred from the job names that
 * `needs`, `dependencies` and `extends` write, `Stages` from `stage`: one does not widen the other.
 */
export type PipelineJobs<
  Jobs,
  Stages,
  Stage extends string,
  IncludedJob extends string = never,
  IncludedTemplate extends string = never,
> = {
  readonly [Key in keyof Jobs]: Key extends `.${string}`
    ? JobOf<Jobs, Key, IncludedJob, IncludedTemplate> | YamlValue
    : JobOf<Jobs, Key, IncludedJob, IncludedTemplate>;
} & {
  readonly [Key in keyof Stages]: Key extends `.${string}`
    ? StageOf<Stages, Key, Stage> | YamlValue
    : StageOf<Stages, Key, Stage>;
};

// A hidden key may also hold any YAML value (a script or a list of rules kept for `!reference`
// or an anchor), as in GitLab; validation reports it only where a job extends it. Jobs and
// templates an `included()` entry declares may be needed and extended.
type JobOf<
  Jobs,
  Key extends keyof Jobs,
  IncludedJob extends string,
  IncludedTemplate extends string,
> = ReadonlyInput<
  Omit<
    PipelineJob<
      Checked<Jobs[Key], NoInfer<VisibleJobName<JobNameOf<Jobs>> | IncludedJob>>,
      never,
      Checked<
        Jobs[Key],
        NoInfer<OtherJobName<JobNameOf<Jobs>, Key> | IncludedJob | IncludedTemplate>
      >
    >,
    "rules" | "stage"
  > &
    Pick<PipelineJob<NoInfer<VisibleJobName<JobNameOf<Jobs>> | IncludedJob>>, "rules">
>;

type StageOf<Stages, Key extends keyof Stages, Stage extends string> = Pick<
  ReadonlyInput<PipelineJob<never, Checked<Stages[Key], NoInfer<Stage>>>>,
  "stage"
>;

/** The argument of `pipeline()`: top-level keywords plus name-checked `jobs`. */
export type TypedPipelineInput<Stages, Jobs, JobStages, Include = undefined> = ReadonlyInput<
  Omit<PipelineInput, "stages" | "jobs" | "include">
> & {
  /**
   * The stages, in the order they run; `build`, `test`, `deploy` when omitted (plus `.pre` and `.post`).
   * @see https://docs.gitlab.com/ci/yaml/#stages
   */
  readonly stages?: Stages;
  /**
   * Other files whose configuration is merged into this one; `included()` declares what one provides.
   * @see https://docs.gitlab.com/ci/yaml/#include
   */
  readonly include?: Include;
  /**
   * The jobs, keyed by name; a name that starts with `.` is a hidden template.
   * @see https://docs.gitlab.com/ci/yaml/#job-keywords
   */
  readonly jobs: PipelineJobs<
    Jobs,
    JobStages,
    Evaluated<StageName<NoInfer<Stages>>>,
    IncludedJobName<NoInfer<Include>>,
    IncludedTemplateName<NoInfer<Include>>
  >;
};

// Makes editors show the stage names themselves in errors rather than `StageName<…>`.
type Evaluated<T> = T extends infer U extends string ? U : never;

/**
 * Declares a pipeline; `pipecraft synth` turns the default export of `pipeline.ts` into CI files.
 * @example export default pipeline({ jobs: { test: { script: ["npm test"] } } });
 */
export function pipeline<
  const Stages extends Readonly<StagesInput> | undefined = undefined,
  const Jobs extends Readonly<Record<string, unknown>> = Record<never, never>,
  const JobStages extends Readonly<Record<string, unknown>> = Record<never, never>,
  const Include extends Readonly<IncludeInput> | undefined = undefined,
>(
  input: TypedPipelineInput<Stages, Jobs, JobStages, Include>,
  options: PipelineOptions = {},
): PipelineDefinition {
  // The typed input differs from PipelineInput only by narrower names and readonly arrays.
  return { kind: "pipecraft.pipeline", input: input as PipelineInput, options };
}

/** True when `x` is what `pipeline()` returns (e.g. the default export of a loaded `pipeline.ts`). */
export function isPipelineDefinition(x: unknown): x is PipelineDefinition {
  return (
    typeof x === "object" &&
    x !== null &&
    (x as { kind?: unknown }).kind === "pipecraft.pipeline" &&
    typeof (x as { input?: unknown }).input === "object"
  );
}
