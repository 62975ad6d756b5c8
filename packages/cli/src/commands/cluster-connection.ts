// What `runs`, `cancel`, `delete` and `logs` share: the options that pick the cluster and the
// namespace, and a connection made from them. They need no pipeline file.
import type { CliIo } from "../cli-io.js";
import { loadRuntime, MissingPackageError } from "../load/optional-package.js";
import { UsageError } from "../user-error.js";
import { clusterOptions, kubeconfigPath, rateLimitOption } from "./cluster-options.js";
import { NAMESPACE_NAME } from "./namespace-name.js";

/** `--namespace` plus the cluster options. */
export const runsOptions = { namespace: { type: "string" }, ...clusterOptions } as const;

type Runtime = typeof import("@pipecraft/runtime");

/** A client of the cluster and the namespace a command works in. */
export type ClusterConnection = {
  readonly runtime: Runtime;
  readonly kubeConfig: ReturnType<Runtime["loadKubeConfig"]>["kubeConfig"];
  readonly namespace: string;
};

/**
 * Checks the options and connects: the namespace is `--namespace`, else the context's, else
 * `default`. A kubeconfig that cannot be read throws the runtime's ClusterError.
 */
export async function connect(
  command: string,
  options: {
    namespace: string | undefined;
    kubeconfig: string | undefined;
    context: string | undefined;
    qps: string | undefined;
    burst: string | undefined;
  },
  io: CliIo,
): Promise<ClusterConnection> {
  if (options.namespace !== undefined && !NAMESPACE_NAME.test(options.namespace)) {
    throw new UsageError(`--namespace ${options.namespace} is not a namespace name`, command);
  }
  const runtime = await loadRuntime(command, io);
  const limit = rateLimitOption(
    options,
    runtime.DEFAULT_RATE_LIMIT,
    runtime.rateLimitProblem,
    command,
  );
  const cluster = runtime.loadKubeConfig(
    kubeconfigPath(options.kubeconfig, io),
    options.context,
    limit,
  );
  return {
    runtime,
    kubeConfig: cluster.kubeConfig,
    namespace: options.namespace ?? cluster.namespace ?? "default",
  };
}

/** Runs `work`; a ClusterError becomes one line `pipecraft <command>: …` and exit 1. */
export async function reportClusterErrors(
  command: string,
  io: CliIo,
  work: () => Promise<number>,
): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MissingPackageError) throw error;
    const runtime = await loadRuntime(command, io);
    if (error instanceof runtime.ClusterError) {
      io.stderr.write(`pipecraft ${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
