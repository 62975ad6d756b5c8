// Real-node tests: the test control plane with a real kubelet, containerd and runc (no kwok), so
// that synthesized pipelines really run. Started once by test/node/global-setup.ts. `pnpm test:node`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["pipecraft-source"] },
  ssr: { resolve: { conditions: ["pipecraft-source"] } },
  test: {
    include: ["test/node/**/*.test.ts"],
    globalSetup: ["test/node/global-setup.ts"],
    // Child processes on their main thread (the harness relies on it for parent-death signals).
    pool: "forks",
    // One node on a 2-core machine: one test file at a time.
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
