// Type tests (*.test-d.ts: checked by `pnpm typecheck`, never run): `extend` must produce jobs
// that `pipeline()` accepts, and must not hide the name checks `pipeline()` makes.
import { pipeline } from "../../src/pipeline.js";
import type { JobTemplate } from "../../src/schema/index.js";
import { extend, merge } from "../../src/templates/merge.js";

const nodeTemplate = { image: "node:22-alpine", before_script: ["npm ci"] };
const libraryTemplate: JobTemplate = { image: "alpine:3", script: ["true"] };

export const accepted = pipeline({
  stages: ["build", "test"],
  jobs: {
    build: extend(nodeTemplate, { stage: "build", script: ["npm run build"] }),
    test: extend(nodeTemplate, { stage: "test", needs: ["build"], script: ["npm test"] }),
    lint: extend(libraryTemplate, { stage: "test", when: "manual" }),
    twice: extend(nodeTemplate, { script: ["a"] }, { variables: { CI: "true" } }),
  },
});

export const misspelledNeed = pipeline({
  jobs: {
    build: { script: ["make"] },
    // @ts-expect-error "biuld" is not a job of this pipeline
    test: extend(nodeTemplate, { needs: ["biuld"], script: ["npm test"] }),
  },
});

export const misspelledStage = pipeline({
  stages: ["build", "test"],
  jobs: {
    // @ts-expect-error "tset" is not a declared stage
    test: extend(nodeTemplate, { stage: "tset", script: ["npm test"] }),
  },
});

// @ts-expect-error `scirpt` is not a job keyword
export const unknownKeyword = extend(nodeTemplate, { scirpt: ["npm test"] });

const merged = merge({ a: { b: 1, c: [1] }, d: "x" }, { a: { c: [2, 3] } });
export const deep: { a: { b: number; c: number[] }; d: string } = merged;

// `as const` values (readonly arrays) fit `extend()` as they fit `pipeline()`.
const constTemplate = {
  image: "node:22-alpine",
  before_script: ["npm ci"],
  cache: { key: { files: ["package-lock.json"] }, paths: [".npm/"] },
} as const;
const constOverride = { stage: "test", needs: ["build"], script: ["npm test"] } as const;

export const constValues = pipeline({
  stages: ["build", "test"],
  jobs: {
    build: extend(constTemplate, { stage: "build", script: ["npm run build"] as const }),
    test: extend(constTemplate, constOverride),
  },
});
