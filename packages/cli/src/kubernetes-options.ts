import { dirname } from "node:path";
import { kubernetesNameSchema, type Pipeline } from "@pipecraft/core";
import { dnsLabel, type KubernetesTargetOptions } from "@pipecraft/kubernetes";
import { nearestPackageName } from "./package-name.js";
import type { AppFile } from "./resolve-app-file.js";
import { UsageError } from "./usage-error.js";

/** The Kubernetes options of `synth` as written on the command line. */
export type KubernetesFlags = {
  name: string | undefined;
  namespace: string | undefined;
  runId: string | undefined;
  strict: boolean;
};

const MAX_PIPELINE_NAME = 40;

/** Checks --name, --namespace and --run-id the way Kubernetes will, before anything is loaded. */
export function checkKubernetesFlags(flags: KubernetesFlags, command: string): void {
  for (const [option, value, max] of [
    ["--name", flags.name, MAX_PIPELINE_NAME],
    ["--namespace", flags.namespace, 63],
  ] as const) {
    if (value === undefined) continue;
    if (!kubernetesNameSchema.max(max).safeParse(value).success) {
      throw new UsageError(
        `${option} "${value}" is not a Kubernetes name: up to ${max} lower-case letters, digits and '-', starting and ending with a letter or digit`,
        command,
      );
    }
  }
  if (
    flags.runId !== undefined &&
    !/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(flags.runId)
  ) {
    throw new UsageError(
      `--run-id "${flags.runId}" is not a label value: up to 63 of letters, digits, '-', '_' and '.'`,
      command,
    );
  }
}

/**
 * The target options: the flags, and for the name the pipeline's `kubernetes.name` or else the
 * package name (made a DNS name and cut to 40 characters), else the target's default.
 */
export async function kubernetesOptions(
  flags: KubernetesFlags,
  pipeline: Pipeline,
  app: AppFile,
  sourceFile: string,
): Promise<KubernetesTargetOptions> {
  const packageName = await nearestPackageName(dirname(app.path));
  const fromPackage =
    packageName === undefined
      ? undefined
      : dnsLabel(packageName).slice(0, MAX_PIPELINE_NAME).replace(/-+$/, "");
  const name = flags.name ?? pipeline.kubernetes?.name ?? (fromPackage || undefined);
  return {
    sourceFile,
    strict: flags.strict,
    ...(name === undefined ? {} : { name }),
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
    ...(flags.runId === undefined ? {} : { runId: flags.runId }),
  };
}
