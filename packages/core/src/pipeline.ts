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

/**
 * The jobs of a pipeline, keyed by name. Every reference to a job or stage is checked against
 * the names declared here (`NoInfer`: a typo is an error, not a new name). Values declared
 * `as const` fit (arrays may be readonly). A job may not extend
 * itself; that it does not need itself is left to validation, because a job built by a generic
 * function has a type that names every job of its family, itself included.
 */
export type PipelineJobs<
  Name extends string,
  Stage extends string,
  IncludedJob extends string = never,
  IncludedTemplate extends string = never,
> = {
  readonly [Key in Name]: Key extends `.${string}`
    ? JobOf<Name, Stage, Key, IncludedJob, IncludedTemplate> | YamlValue
    : JobOf<Name, Stage, Key, IncludedJob, IncludedTemplate>;
};

// A hidden key may also hold any YAML value (a script or a list of rules kept for `!reference`
// or an anchor), as in GitLab; validation reports it only where a job extends it. Jobs and
// templates an `included()` entry declares may be needed and extended.
type JobOf<
  Name extends string,
  Stage extends string,
  Key,
  IncludedJob extends string,
  IncludedTemplate extends string,
> = ReadonlyInput<
  PipelineJob<
    NoInfer<VisibleJobName<Name> | IncludedJob>,
    NoInfer<Stage>,
    NoInfer<OtherJobName<Name, Key> | IncludedJob | IncludedTemplate>
  >
>;

/** The argument of `pipeline()`: top-level keywords plus name-checked `jobs`. */
export type TypedPipelineInput<Stages, Name extends string, Include = undefined> = ReadonlyInput<
  Omit<PipelineInput, "stages" | "jobs" | "include">
> & {
  readonly stages?: Stages;
  readonly include?: Include;
  readonly jobs: PipelineJobs<
    Name,
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
  const Name extends string = never,
  const Include extends Readonly<IncludeInput> | undefined = undefined,
>(
  input: TypedPipelineInput<Stages, Name, Include>,
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
