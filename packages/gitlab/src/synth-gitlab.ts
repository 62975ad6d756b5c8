import type { Pipeline, SynthResult, Target } from "@pipecraft/core";
import { emitYamlDocuments, generatedHeader } from "@pipecraft/emit";
import { toGitlabDocuments } from "./to-gitlab-documents.js";
import { gitlabYamlSizeDiagnostics } from "./yaml-size-limit.js";

/** Options of `synthGitlab`. */
export interface SynthGitlabOptions {
  /** The file the pipeline was defined in, named in the header (default `pipeline.ts`). */
  readonly sourceFile?: string;
}

/**
 * The `.gitlab-ci.yml` text for `pipeline`, headed by a "generated, do not edit" comment. The
 * shape is every target's; GitLab's own checks ran in `validatePipeline`, so the only diagnostic
 * left is the warning for a file over GitLab's size limit.
 * @example synthGitlab(pipeline, { sourceFile: "ci/pipeline.ts" }).output
 */
export function synthGitlab(
  pipeline: Pipeline,
  options: SynthGitlabOptions = {},
): SynthResult<string> {
  const yaml = emitYamlDocuments(toGitlabDocuments(pipeline), {
    headerComment: generatedHeader({
      sourceFile: options.sourceFile ?? "pipeline.ts",
      target: gitlabTargetName,
    }),
    blankLineBetweenTopLevelKeys: true,
  });
  return { output: yaml, diagnostics: gitlabYamlSizeDiagnostics(yaml) };
}

const gitlabTargetName = "gitlab";

/** `--target gitlab`: one `.gitlab-ci.yml`, with no options of its own. */
export const gitlabTarget: Target = {
  name: gitlabTargetName,
  defaultOutput: ".gitlab-ci.yml",
  options: {},
  synth: (pipeline, request) => synthGitlab(pipeline, { sourceFile: request.sourceFile }),
};
