import type { KubernetesPipeline, Pipeline } from "@pipecraft/core";
import { objectName } from "./object-name.js";
import type { KubernetesTargetOptions } from "./target-options.js";

/** The run-wide settings every Job of the pipeline shares. */
export type RunSettings = {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly runId: string;
  /** CI_PROJECT_DIR: where the workspace volume is mounted and jobs start. */
  readonly projectDir: string;
  readonly workspaceClaim: string;
  readonly workspace: NonNullable<KubernetesPipeline["workspace"]>;
  readonly tags: KubernetesPipeline["tags"];
  readonly secrets: NonNullable<KubernetesPipeline["secrets"]>;
  readonly variables: NonNullable<KubernetesPipeline["variables"]>;
};

/** The settings of a run: the options first, then the pipeline's `kubernetes:` block, then defaults. */
export function runSettings(pipeline: Pipeline, options: KubernetesTargetOptions): RunSettings {
  const block = pipeline.kubernetes ?? {};
  const name = options.name ?? block.name ?? "pipeline";
  return {
    name,
    namespace: options.namespace ?? block.namespace,
    runId: options.runId ?? "local",
    projectDir: block.projectDir ?? `/builds/${name}`,
    workspaceClaim: objectName(name, "workspace"),
    workspace: block.workspace ?? {},
    tags: block.tags,
    secrets: block.secrets ?? {},
    variables: block.variables ?? {},
  };
}
