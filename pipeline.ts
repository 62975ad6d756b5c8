// pipecraft's own CI, written with pipecraft: `pipecraft synth` at the repository root regenerates
// .gitlab-ci.yml from this file (test/consumers/committed-output.test.ts fails when they differ).
// The jobs mirror `pnpm test`: lint, typecheck, then build and the tests.
import { type JobInput, pipeline } from "pipecraft";

// pnpm comes from corepack (the version pinned in package.json's packageManager); its store is
// cached per lockfile.
const pnpmJob = {
  cache: {
    key: { files: ["pnpm-lock.yaml"] },
    paths: [".pnpm-store/"],
  },
  before_script: [
    "corepack enable",
    "pnpm config set store-dir .pnpm-store",
    "pnpm install --frozen-lockfile",
  ],
} satisfies JobInput;

export default pipeline({
  stages: ["check", "test"],
  default: {
    image: "node:20",
    interruptible: true,
  },
  workflow: {
    rules: [
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
      { if: "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", when: "never" },
      { if: "$CI_COMMIT_BRANCH" },
      { if: "$CI_COMMIT_TAG" },
    ],
  },
  jobs: {
    lint: {
      ...pnpmJob,
      stage: "check",
      needs: [],
      script: ["pnpm lint"],
    },
    typecheck: {
      ...pnpmJob,
      stage: "check",
      needs: [],
      script: ["pnpm typecheck"],
    },
    test: {
      ...pnpmJob,
      stage: "test",
      needs: [],
      before_script: [
        // gitlab-ci-local's shell executor copies the work tree with rsync.
        "apt-get update -qq && apt-get install -y -qq rsync",
        ...pnpmJob.before_script,
      ],
      script: [
        "pnpm build",
        "pnpm exec vitest run --reporter=default --reporter=junit --outputFile.junit=junit.xml",
      ],
      artifacts: {
        when: "always",
        expire_in: "1 week",
        reports: { junit: "junit.xml" },
      },
    },
  },
});
