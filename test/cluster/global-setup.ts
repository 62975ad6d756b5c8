// vitest globalSetup for the cluster tests (vitest.cluster.config.ts): starts the local control
// plane once for the whole run, or checks the existing cluster chosen with PIPECRAFT_CLUSTER=existing,
// and tells the test processes where it is through PIPECRAFT_TEST_KUBECONFIG.
import type { Cluster } from "./harness.js";
import { startCluster } from "./harness.js";
import {
  existingKubeconfigPath,
  TEST_CLUSTER_ENV,
  TEST_KUBECONFIG_ENV,
  wantsExistingCluster,
} from "./kubeconfig.js";

const log = (line: string) => process.stderr.write(`[cluster] ${line}\n`);

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export function memoryReport(cluster: Cluster): string {
  const rss = cluster.rss();
  const total = Object.values(rss).reduce((a, b) => a + b, 0);
  const parts = Object.entries(rss).map(([name, bytes]) => `${name} ${mib(bytes)}`);
  return `control-plane RSS ${mib(total)} (${parts.join(", ")})`;
}

export default async function setup(): Promise<() => Promise<void>> {
  if (wantsExistingCluster()) {
    const path = existingKubeconfigPath();
    process.env[TEST_KUBECONFIG_ENV] = path;
    process.env[TEST_CLUSTER_ENV] = "existing";
    log(`using the existing cluster of ${path} (PIPECRAFT_CLUSTER=existing)`);
    return async () => {};
  }
  const cluster = await startCluster({ log });
  process.env[TEST_KUBECONFIG_ENV] = cluster.kubeconfigPath;
  process.env[TEST_CLUSTER_ENV] = "local";
  log(`started in ${(cluster.startMs / 1000).toFixed(1)} s; KUBECONFIG=${cluster.kubeconfigPath}`);
  log(memoryReport(cluster));
  return async () => {
    log(`at the end: ${memoryReport(cluster)}`);
    await cluster.stop();
    log("stopped");
  };
}
