// The selection step of synth and validate with `--var`: GitLab's predefined variables read from
// the git repository, the `--var` values over them, and core's `selectJobs` on the result. The
// targets get the selection, never the repository.
import { compareToRefs, type JobSelection, type Pipeline, selectJobs } from "@pipecraft/core";
import type { CliIo } from "../cli-io.js";
import { changedFilesSince, readGitPipeline } from "../load/git-variables.js";

/** What the command line says about the pipeline to select for. */
export type SelectionRequest = {
  /** The `--var` values: over every predefined and pipeline variable. */
  readonly variables: Readonly<Record<string, string>>;
  /** CI_PIPELINE_ID: the `--run-id`, else `local`. */
  readonly runId: string | undefined;
};

/**
 * The jobs GitLab would create for a push of the commit checked out in `directory`, with the
 * `--var` values. Outside a git repository (or in one without commits) one warning line says so
 * and no variable is read from git: rules see CI_PIPELINE_SOURCE, CI_PIPELINE_ID and `--var`, and
 * without a branch or tag, jobs without rules (GitLab's `only: [branches, tags]`) are not created.
 */
export async function jobSelection(
  pipeline: Pipeline,
  directory: string,
  request: SelectionRequest,
  io: Pick<CliIo, "env" | "stderr">,
): Promise<JobSelection> {
  const git = await readGitPipeline(directory, io.env);
  const predefined: Record<string, string> = {
    CI_PIPELINE_SOURCE: "push",
    CI_PIPELINE_ID: request.runId ?? "local",
    ...("reason" in git ? {} : git.predefined),
  };
  if ("reason" in git) {
    io.stderr.write(
      `warning: ${git.reason}: rules see no CI_COMMIT_* variables (give a branch with --var CI_COMMIT_BRANCH=NAME)\n`,
    );
    return selectJobs(pipeline, { predefined, variables: request.variables });
  }
  const refs = compareToRefs(pipeline, { predefined, variables: request.variables });
  return selectJobs(pipeline, {
    predefined,
    variables: request.variables,
    files: git.files,
    ...(git.changedFiles === undefined ? {} : { changedFiles: git.changedFiles }),
    changedFilesSince: await changedFilesSince(directory, refs, io.env),
  });
}
