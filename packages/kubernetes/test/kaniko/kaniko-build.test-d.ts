// Type tests (*.test-d.ts: checked by `pnpm typecheck`, never run): `kaniko.build()` spreads into
// a pipeline job without hiding pipeline()'s name checks, and its options are typed; each line
// marked with ts-expect-error must stay an error. (Its run-time checks: kaniko-build.test.ts.)
import { pipeline } from "@pipecraft/core";
import { kaniko } from "../../src/kaniko/kaniko.js";

export const spread = pipeline({
  stages: ["test", "build"],
  jobs: {
    test: { stage: "test", script: ["npm test"] },
    "build-image": {
      ...kaniko.build({ destinations: ["$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA"] }),
      stage: "build",
      needs: ["test"],
    },
    tagged: {
      ...kaniko.build({ destinations: ["a/b:c"] }),
      stage: "build",
      // @ts-expect-error  "tset" is not a job of this pipeline
      needs: ["tset"],
    },
  },
});

// @ts-expect-error  `destinations` is missing
export const withoutDestinations = () => kaniko.build({ context: "app" });

const options = { destinations: ["a/b:c"], extraArgs: ["--verbosity=debug"] } as const;
export const fromConstOptions = kaniko.build(options);
