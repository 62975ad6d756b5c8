// Cluster tests: a real control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
// kwok) built from Go modules and started once by test/cluster/global-setup.ts. `pnpm test:cluster`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["pipecraft-source"] },
  ssr: { resolve: { conditions: ["pipecraft-source"] } },
  test: {
    include: ["test/cluster/**/*.test.ts"],
    globalSetup: ["test/cluster/global-setup.ts"],
    // Child processes on their main thread (the harness relies on it for parent-death signals).
    pool: "forks",
    // The test files share one control plane on a 2-core machine: keep the load modest.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
