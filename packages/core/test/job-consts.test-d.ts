// Type tests (*.test-d.ts: checked by `pnpm typecheck`, never run): jobs declared apart from
// `pipeline()` — with `satisfies JobTemplate`, or in a plain `const` — fit into it, and keep the
// name checks where their names are still literal.
import type { JobTemplate } from "../src/index.js";
import { pipeline } from "../src/index.js";

// The README's pattern: a template that sets its stage keeps "build" literal, so it is checked.
const build = { stage: "build", script: ["npm ci", "npm run build"] } satisfies JobTemplate;
const misspeltStage = { stage: "biuld", script: ["make"] } satisfies JobTemplate;
const lint = (): JobTemplate => ({ stage: "test", script: ["npm run lint"] });

// A job moved into a `const` without `as const`: its names are `string`, checked by validation.
const test = { stage: "test", needs: ["build"], dependencies: ["build"], script: ["npm test"] };
const deploy = { stage: "deploy", extends: ".deploy", script: ["make deploy"] };

export const fromConsts = pipeline({
  stages: ["build", "test", "deploy"],
  jobs: { build, test, lint: lint(), ".deploy": { image: "alpine" }, deploy },
});

export const literalStageStillChecked = pipeline({
  stages: ["build", "test"],
  jobs: {
    // @ts-expect-error — "biuld" stayed literal, so the stage is checked
    build: misspeltStage,
    // @ts-expect-error — written inline, names are still checked next to a const job
    test: { stage: "test", needs: ["biuld"], script: ["x"] },
    other: test,
  },
});

// @ts-expect-error — a stage outside `Stage` is still an error for a narrowed template
export const narrowTemplate: JobTemplate<"test"> = { stage: "deploy", script: ["x"] };
