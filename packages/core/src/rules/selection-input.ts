/** What GitLab knows when it creates a pipeline: the inputs of `selectJobs`. */
export type SelectionInput = {
  /**
   * Variables of the run with the highest precedence (project, pipeline and `--var` values): they
   * override every variable written in the pipeline.
   */
  variables?: Readonly<Record<string, string>>;
  /**
   * Predefined variables (`CI_PIPELINE_SOURCE`, `CI_COMMIT_BRANCH`, `CI_COMMIT_TAG`, …): the
   * lowest precedence, under the pipeline's own variables. `CI_PIPELINE_SOURCE` defaults to `push`.
   */
  predefined?: Readonly<Record<string, string>>;
  /** Every file of the commit, relative to the repository root, for `exists`. Unknown: `exists` is false. */
  files?: readonly string[];
  /**
   * The files the pipeline changes (a push: against the branch's previous commit; a merge request:
   * against its target), for `changes`. Unknown (undefined): `changes` is true, as on GitLab
   * when it has no diff.
   */
  changedFiles?: readonly string[];
  /** For `changes: { compare_to }`: the files changed since each ref, keyed by the expanded ref. */
  changedFilesSince?: Readonly<Record<string, readonly string[]>>;
  /** For `exists: { project, ref }`: other projects' files, keyed `group/project` or `group/project@ref`. */
  projectFiles?: Readonly<Record<string, readonly string[]>>;
  /** Values of `$[[ inputs.NAME ]]` in expressions. */
  inputs?: Readonly<Record<string, string>>;
};

/** Variables as GitLab's expressions see them: name → string value. */
export type VariableMap = Readonly<Record<string, string>>;
