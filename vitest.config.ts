import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["pipecraft-source"] },
  ssr: { resolve: { conditions: ["pipecraft-source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/cluster/**", "test/node/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
