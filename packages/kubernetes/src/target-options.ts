import {
  type JobSelection,
  kubernetesNameSchema,
  type Pipeline,
  type TargetOption,
  type TargetRequest,
} from "@pipecraft/core";
import { dnsLabel } from "./object-name.js";

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
  /**
   * The jobs GitLab would create (core's `selectJobs`, computed by the caller for its variables):
   * only those are written, as their rules made them. Without it, every job is written.
   */
  readonly selection?: JobSelection;
}

// Room for the suffixes objectName adds (`-workspace`, job names) within Kubernetes' 63.
const MAX_PIPELINE_NAME = 40;

function kubernetesName(max: number): (value: string) => string | undefined {
  return (value) =>
    kubernetesNameSchema.max(max).safeParse(value).success
      ? undefined
      : `is not a Kubernetes name: up to ${max} lower-case letters, digits and '-', starting and ending with a letter or digit`;
}

/**
 * The command-line options of the Kubernetes and Kaniko targets, checked the way Kubernetes will
 * check them, so that a bad value is a usage error before anything is loaded.
 */
export const kubernetesTargetFlags: Readonly<Record<string, TargetOption>> = {
  name: { type: "string", check: kubernetesName(MAX_PIPELINE_NAME) },
  namespace: { type: "string", check: kubernetesName(63) },
  "run-id": {
    type: "string",
    check: (value) =>
      /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(value)
        ? undefined
        : "is not a label value: up to 63 of letters, digits, '-', '_' and '.'",
  },
  strict: { type: "boolean", affectsDiagnostics: true },
};

/**
 * The target options of a CLI run: the flags, and for the name the pipeline's `kubernetes.name`
 * or else the package name (made a DNS name and cut to 40 characters), else the target's default.
 */
export function kubernetesTargetOptions(
  pipeline: Pipeline,
  request: TargetRequest,
): KubernetesTargetOptions {
  const { values, packageName } = request;
  const fromPackage =
    packageName === undefined
      ? undefined
      : dnsLabel(packageName).slice(0, MAX_PIPELINE_NAME).replace(/-+$/, "");
  const name = stringValue(values.name) ?? pipeline.kubernetes?.name ?? (fromPackage || undefined);
  const namespace = stringValue(values.namespace);
  const runId = stringValue(values["run-id"]);
  return {
    sourceFile: request.sourceFile,
    strict: values.strict === true,
    ...(name === undefined ? {} : { name }),
    ...(namespace === undefined ? {} : { namespace }),
    ...(runId === undefined ? {} : { runId }),
    ...(request.selection === undefined ? {} : { selection: request.selection }),
  };
}

function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
