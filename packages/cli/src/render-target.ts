import type { Diagnostic, Pipeline } from "@pipecraft/core";
import { synthGitlab } from "@pipecraft/gitlab";
import {
  type KubernetesTargetOptions,
  type ManifestFile,
  synthKaniko,
  synthKanikoFiles,
  synthKubernetes,
  synthKubernetesFiles,
} from "@pipecraft/kubernetes";
import type { OutputTarget } from "./output-target.js";

/** What synth writes: one text (a file or stdout), or one file per object (`--out <dir>/`). */
export type RenderedOutput =
  | { kind: "text"; text: string }
  | { kind: "files"; files: ManifestFile[] };

/** Runs the chosen target: the output (undefined when a target found errors) and its diagnostics. */
export function renderTarget(
  target: OutputTarget,
  pipeline: Pipeline,
  shape: "text" | "files",
  options: KubernetesTargetOptions,
): { output: RenderedOutput | undefined; diagnostics: readonly Diagnostic[] } {
  if (target === "gitlab") {
    const sourceFile = options.sourceFile ?? "pipeline.ts";
    return {
      output: { kind: "text", text: synthGitlab(pipeline, { sourceFile }) },
      diagnostics: [],
    };
  }
  if (shape === "files") {
    const result = (target === "kubernetes" ? synthKubernetesFiles : synthKanikoFiles)(
      pipeline,
      options,
    );
    return {
      output: result.output && { kind: "files", files: result.output },
      diagnostics: result.diagnostics,
    };
  }
  const result = (target === "kubernetes" ? synthKubernetes : synthKaniko)(pipeline, options);
  return {
    output: result.output === undefined ? undefined : { kind: "text", text: result.output },
    diagnostics: result.diagnostics,
  };
}
