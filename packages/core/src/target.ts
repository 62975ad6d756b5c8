// The contract every output format meets, so that the CLI reads one table of targets and a new
// format (graph, …) is one more entry. It lives in core, next to `Pipeline` and `Diagnostic`
// which it is made of: every target package depends on core already, and emit sits below core.
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import type { JobSelection } from "./rules/select-jobs.js";
import type { KubernetesObject } from "./schema/kubernetes-types.js";
import type { Pipeline } from "./schema/pipeline-input.js";

/** What a synth returns: its output, unless it found an error, and every diagnostic. */
export type SynthResult<Output> = {
  readonly output: Output | undefined;
  readonly diagnostics: readonly Diagnostic[];
};

/** One file of an output written as a folder (`--out k8s/`): its name and its text. */
export type OutputFile = { readonly fileName: string; readonly yaml: string };

/**
 * A command-line option of a target (`--name`, `--strict`). `check` returns what is wrong with
 * a value, worded to follow `--name "value"`, or undefined when the value is good.
 * `affectsDiagnostics` marks an option that changes what the target reports, not only what it
 * writes: `pipecraft validate` takes those too.
 */
export type TargetOption = {
  readonly type: "string" | "boolean";
  readonly check?: (value: string) => string | undefined;
  readonly affectsDiagnostics?: boolean;
};

/** What a target is run with: gathered by the CLI, so that the target itself does no I/O. */
export type TargetRequest = {
  /** The pipeline file as the output's header names it, e.g. `../pipeline.ts`. */
  readonly sourceFile: string;
  /** The `name` of the nearest package.json, without its scope: a stable default for names. */
  readonly packageName: string | undefined;
  /** The values of the target's own options, by name: undefined (false) when not given. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /**
   * The jobs GitLab would create for the run's variables (`selectJobs`), given only to a target
   * that `selectsJobs`. Absent: the target writes every job.
   */
  readonly selection?: JobSelection;
};

/** One output format: how `--target <name>` finds it, what it accepts, and what it writes. */
export interface Target {
  readonly name: string;
  /** Where the output goes when `--out` is not given. */
  readonly defaultOutput: string;
  /** The options only this target takes, in the order they are checked. */
  readonly options: Readonly<Record<string, TargetOption>>;
  /**
   * True for a target that leaves out (or, the graph, greys) the jobs GitLab would not create,
   * given a selection (`pipecraft synth --var`). GitLab's own target does not: GitLab evaluates
   * `rules` itself.
   */
  readonly selectsJobs?: boolean;
  /** The output as one text. */
  readonly synth: (pipeline: Pipeline, request: TargetRequest) => SynthResult<string>;
  /** The output as one file per object (`--out <dir>/`); absent for a target that writes one file. */
  readonly synthFiles?: (
    pipeline: Pipeline,
    request: TargetRequest,
  ) => SynthResult<readonly OutputFile[]>;
  /**
   * The output as the Kubernetes objects its text holds, for a target that writes manifests:
   * `pipecraft apply` sends them to the cluster without writing and parsing YAML.
   */
  readonly synthObjects?: (
    pipeline: Pipeline,
    request: TargetRequest,
  ) => SynthResult<readonly KubernetesObject[]>;
  /**
   * How the CLI's summary counts the output, e.g. `3 objects` after the job count: what one
   * document is called, and how many a text holds (a folder holds one per file). Absent when the
   * job count says it all (.gitlab-ci.yml).
   */
  readonly documents?: {
    readonly noun: string;
    readonly count: (text: string) => number;
    /**
     * Set when an output with no documents is almost surely a mistake: why, e.g. `nothing to
     * build: no job builds an image with kaniko.build()`. Synth then fails unless `--allow-empty`.
     */
    readonly empty?: string;
  };
}
