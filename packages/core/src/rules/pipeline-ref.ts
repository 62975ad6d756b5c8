import type { VariableMap } from "./selection-input.js";

/** What `only`/`except` know about a pipeline, read from its predefined variables. */
export type PipelineRef = {
  /** `CI_PIPELINE_SOURCE`, `push` when unset. */
  source: string;
  /** The branch or tag name (`CI_COMMIT_TAG`, `CI_COMMIT_BRANCH` or `CI_COMMIT_REF_NAME`). */
  ref: string | undefined;
  tag: boolean;
  branch: boolean;
  /** `CI_PROJECT_PATH`, for `ref@group/project` patterns. */
  projectPath: string | undefined;
};

/**
 * The ref, kind and source of a pipeline from its variables: a tag pipeline has `CI_COMMIT_TAG`;
 * a merge request pipeline is neither branch nor tag (its ref is the merge request's).
 * @example pipelineRef({ CI_COMMIT_BRANCH: "main" }) // { source: "push", ref: "main", branch: true, … }
 */
export function pipelineRef(variables: VariableMap): PipelineRef {
  const source = variables.CI_PIPELINE_SOURCE || "push";
  const tagName = variables.CI_COMMIT_TAG || undefined;
  const ref = tagName ?? (variables.CI_COMMIT_BRANCH || variables.CI_COMMIT_REF_NAME || undefined);
  const mergeRequest = source === "merge_request_event";
  return {
    source,
    ref,
    tag: tagName !== undefined,
    branch: tagName === undefined && !mergeRequest && ref !== undefined,
    projectPath: variables.CI_PROJECT_PATH,
  };
}
