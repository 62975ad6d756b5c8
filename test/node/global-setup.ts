// vitest globalSetup for the real-node tests (vitest.node.config.ts): starts the local control plane
// with a real node once for the whole run, and tells the test processes where it is.
import { memoryReport } from "../cluster/global-setup.js";
import { startCluster } from "../cluster/harness.js";
import { TEST_CLUSTER_ENV, TEST_KUBECONFIG_ENV } from "../cluster/kubeconfig.js";

const log = (line: string) => process.stderr.write(`[node] ${line}\n`);

export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await startCluster({ log, node: "real" });
  process.env[TEST_KUBECONFIG_ENV] = cluster.kubeconfigPath;
  process.env[TEST_CLUSTER_ENV] = "local";
  log(`node ${cluster.nodeName} Ready; cluster up in ${(cluster.startMs / 1000).toFixed(1)} s`);
  log(memoryReport(cluster));
  return async () => {
    log(`at the end: ${memoryReport(cluster)}`);
    await cluster.stop();
    log("stopped");
  };
}
