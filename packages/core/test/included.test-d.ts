// Type tests (checked by `pnpm typecheck`): what an `included()` entry declares may be needed,
// extended and overridden; anything else stays an error.
import { included, pipeline } from "../src/index.js";

export const overrideIncludedJob = pipeline({
  include: [
    included(
      { template: "Security/SAST.gitlab-ci.yml" },
      { jobs: ["semgrep-sast"], templates: [".sast-analyzer"] },
    ),
    { local: "/ci/other.yml" },
  ],
  jobs: {
    // An override is a partial job: no script.
    "semgrep-sast": { variables: { SAST_EXCLUDED_PATHS: "spec" } },
    custom: { extends: ".sast-analyzer", needs: ["semgrep-sast"], script: ["scan"] },
  },
});

export const oneEntry = pipeline({
  include: included({ local: "/ci/build.yml" }, { jobs: ["build"] }),
  jobs: { test: { needs: ["build"], extends: "build", script: ["test"] } },
});

export const undeclared = pipeline({
  include: [included({ template: "Security/SAST.gitlab-ci.yml" }, { jobs: ["semgrep-sast"] })],
  jobs: {
    // @ts-expect-error only declared jobs may be needed
    custom: { needs: ["brakeman-sast"], script: ["scan"] },
  },
});

export const plainIncludeDeclaresNothing = pipeline({
  include: [{ template: "Security/SAST.gitlab-ci.yml" }],
  jobs: {
    // @ts-expect-error a plain include declares no names
    custom: { needs: ["semgrep-sast"], script: ["scan"] },
  },
});
