import type { PackageManager } from "../load/package-manager.js";
import { execCommand } from "../load/package-manager.js";

/** How a CI job of a project with this package manager installs, runs a script and a binary. */
const commands: Record<PackageManager, { image: string; install: string[]; run: string }> = {
  npm: { image: "node:20", install: ["npm ci"], run: "npm run --if-present" },
  pnpm: {
    image: "node:20",
    install: ["corepack enable", "pnpm install --frozen-lockfile"],
    run: "pnpm run --if-present",
  },
  yarn: {
    image: "node:20",
    install: ["corepack enable", "yarn install --immutable"],
    run: "yarn run",
  },
  bun: { image: "oven/bun:1", install: ["bun install --frozen-lockfile"], run: "bun run" },
};

/**
 * The text of the `pipeline.ts` that `pipecraft init` starts a project with: build and test the
 * project, and a job that fails when the committed .gitlab-ci.yml is not what pipeline.ts gives.
 * It type-checks and validates as written (a test runs `pipecraft check` on it).
 */
export function starterPipeline(manager: PackageManager): string {
  const { image, install, run } = commands[manager];
  const pipecraft = execCommand(manager, "pipecraft");
  const list = (items: readonly string[]): string => `[${items.map(quote).join(", ")}]`;
  return `import { pipeline } from "pipecraft";

// Edit the jobs, then write .gitlab-ci.yml with \`${pipecraft} synth\` and commit both.
export default pipeline({
  stages: ["build", "test"],
  default: {
    image: ${quote(image)},
    before_script: ${list(install)},
  },
  jobs: {
    build: {
      stage: "build",
      script: [${quote(`${run} build`)}],
    },
    test: {
      stage: "test",
      needs: ["build"],
      script: [${quote(`${run} test`)}],
    },
    // Fails when .gitlab-ci.yml was not regenerated after a change to this file.
    "pipeline-is-current": {
      stage: "test",
      needs: [],
      script: [${quote(`${pipecraft} check`)}, ${quote(`${pipecraft} synth --check`)}],
    },
  },
});
`;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
