/** Options of the Kubernetes and Kaniko targets (the CLI's --name, --namespace, --run-id, --strict). */
export interface KubernetesTargetOptions {
  /** Prefix of every object name; overrides the pipeline's `kubernetes.name` (default "pipeline"). */
  readonly name?: string;
  /** Namespace of every object; overrides `kubernetes.namespace` (default: none, kubectl's). */
  readonly namespace?: string;
  /** The run these manifests are for: CI_PIPELINE_ID and label pipecraft.dev/run-id (default "local"). */
  readonly runId?: string;
  /** The file the pipeline was defined in, named in the header (default `pipeline.ts`). */
  readonly sourceFile?: string;
  /** Report keywords without a Kubernetes meaning as errors rather than warnings. */
  readonly strict?: boolean;
}
