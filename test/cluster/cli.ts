// Manual use of the harness:
//   npx tsx test/cluster/cli.ts build     build or reuse the binaries, print their directory
//   npx tsx test/cluster/cli.ts up        start a control plane, print KUBECONFIG, run until Ctrl-C
//   npx tsx test/cluster/cli.ts up real   the same with a real node (kubelet, containerd; root)
//   npx tsx test/cluster/cli.ts cleanup   remove what crashed harnesses left behind
import { memoryReport } from "./global-setup.js";
import { cleanupStale, ensureBinaries, startCluster } from "./harness.js";

const log = (line: string) => process.stderr.write(`[cluster] ${line}\n`);
const command = process.argv[2] ?? "up";

if (command === "build") {
  process.stdout.write(`${ensureBinaries(log)}\n`);
} else if (command === "cleanup") {
  cleanupStale(log);
} else if (command === "up") {
  const cluster = await startCluster({ log, node: process.argv[3] === "real" ? "real" : "kwok" });
  log(memoryReport(cluster));
  process.stdout.write(`export KUBECONFIG=${cluster.kubeconfigPath}\n`);
  const stop = async () => {
    log("stopping");
    await cluster.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  setInterval(() => {}, 60_000);
} else {
  process.stderr.write("usage: tsx test/cluster/cli.ts build|up [real]|cleanup\n");
  process.exit(2);
}
