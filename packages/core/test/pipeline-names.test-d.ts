// Type tests (*.test-d.ts: checked by `pnpm typecheck`, never run): pipeline() checks job and
// stage names at compile time; each @ts-expect-error line must stay an error.
import type { JobTemplate, PipelineJob } from "../src/index.js";
import { pipeline, reference } from "../src/index.js";
import { extend } from "../src/templates/merge.js";

// The user contract, verbatim.
export const contract = pipeline({
  stages: ["build", "test", "deploy"],
  default: { image: "node:22-alpine" },
  variables: { NPM_CONFIG_CACHE: ".npm" },
  jobs: {
    build: { stage: "build", script: ["npm ci", "npm run build"], artifacts: { paths: ["dist/"] } },
    test: { stage: "test", needs: ["build"], script: ["npm test"] },
  },
});

export const needsTypo = pipeline({
  jobs: {
    build: { script: ["make"] },
    // @ts-expect-error — "biuld" is not a job of this pipeline
    test: { needs: ["biuld"], script: ["make test"] },
  },
});

export const needsObjectTypo = pipeline({
  jobs: {
    build: { script: ["make"] },
    // @ts-expect-error — the object form is checked too
    test: { needs: [{ job: "biuld", artifacts: true }], script: ["make test"] },
  },
});

export const dependenciesTypo = pipeline({
  jobs: {
    build: { script: ["make"] },
    // @ts-expect-error — dependencies name jobs of this pipeline
    test: { dependencies: ["biuld"], script: ["make test"] },
  },
});

export const extendsTypo = pipeline({
  jobs: {
    ".base": { image: "alpine" },
    // @ts-expect-error — ".bsae" is neither a hidden template nor a job
    test: { extends: ".bsae", script: ["make test"] },
  },
});

export const extendsListTypo = pipeline({
  jobs: {
    ".base": { image: "alpine" },
    // @ts-expect-error — every entry of an extends list is checked
    test: { extends: [".base", ".node"], script: ["make test"] },
  },
});

export const stageNotDeclared = pipeline({
  stages: ["build", "test"],
  jobs: {
    // @ts-expect-error — "deploy" is not in this pipeline's stages
    deploy: { stage: "deploy", script: ["make deploy"] },
  },
});

export const stageTypoWithDefaults = pipeline({
  jobs: {
    // @ts-expect-error — without `stages`, GitLab's defaults apply: build, test, deploy
    test: { stage: "tset", script: ["make test"] },
  },
});

export const needsHiddenJob = pipeline({
  jobs: {
    ".base": { script: ["make"] },
    // @ts-expect-error — hidden templates never run, so nothing can need them
    test: { needs: [".base"], script: ["make test"] },
  },
});

export const rulesNeedsTypo = pipeline({
  jobs: {
    build: { script: ["make"] },
    // @ts-expect-error — rules[].needs are checked like needs
    test: { rules: [{ if: "$A", needs: ["biuld"] }], script: ["make test"] },
  },
});

export const extendsItself = pipeline({
  jobs: {
    // @ts-expect-error — a job cannot extend itself
    test: { extends: "test", script: ["make test"] },
  },
});

// Positive cases.

export const defaultAndBuiltinStages = pipeline({
  jobs: {
    setup: { stage: ".pre", script: ["x"] },
    build: { stage: "build", script: ["x"] },
    test: { stage: "test", script: ["x"] },
    deploy: { stage: "deploy", script: ["x"] },
    report: { stage: ".post", script: ["x"] },
  },
});

export const nestedStages = pipeline({
  stages: ["build", ["unit", "lint"]],
  jobs: { lint: { stage: "lint", script: ["x"] } },
});

/** A platform team's template: names no job or stage, so it fits any pipeline. */
const nodeJob = (version: string, script: string[]): JobTemplate => ({
  image: `node:${version}-alpine`,
  cache: { key: { files: ["package-lock.json"] }, paths: [".npm/"] },
  before_script: ["npm ci"],
  script,
});

/** A template that fixes its stage: fits pipelines that declare "test". */
const testJob = (script: string[]): JobTemplate<"test"> => ({ stage: "test", script });

/** Any job at all, as a library without a pipeline sees it. */
const anyJob: PipelineJob = { stage: "whatever", needs: ["anything"], script: ["x"] };
void anyJob;

export const templatesAndSpreads = pipeline({
  stages: ["build", "test"],
  jobs: {
    build: nodeJob("22", ["npm run build"]),
    test: { ...nodeJob("22", ["npm test"]), stage: "test", needs: ["build"] },
    unit: testJob(["npm run unit"]),
    // @ts-expect-error — spreading a template does not loosen the names it is combined with
    lint: { ...nodeJob("22", ["npm run lint"]), needs: ["biuld"] },
  },
});

export const extendResults = pipeline({
  stages: ["build", "test"],
  jobs: {
    build: extend(nodeJob("22", ["npm run build"]), { stage: "build" }),
    test: extend(nodeJob("22", ["npm test"]), { stage: "test", needs: ["build"] }),
  },
});

export const matricesAndOtherPipelines = pipeline({
  jobs: {
    build: {
      parallel: { matrix: [{ TARGET: ["linux", "darwin"], ARCH: "amd64" }] },
      script: ["x"],
    },
    test: {
      needs: [
        { job: "build", parallel: { matrix: [{ TARGET: "linux", ARCH: "amd64" }] } },
        // Other projects' and pipelines' jobs are not checked against local names.
        { project: "group/other", job: "compile", ref: "main", artifacts: true },
        { pipeline: "$PARENT_PIPELINE_ID", job: "generate" },
      ],
      script: ["x"],
    },
  },
});

export const references = pipeline({
  jobs: {
    ".setup": { before_script: ["npm ci"], variables: { A: "1" } },
    test: {
      extends: ".setup",
      before_script: [reference(".setup", "before_script"), "echo ready"],
      script: reference(".setup", "before_script"),
      variables: { A: reference(".setup", "variables", "A") },
      rules: [reference(".setup", "rules")],
      needs: reference(".setup", "needs"),
    },
  },
});

export const hiddenTemplatesOption = pipeline(
  { jobs: { ".base": { script: ["x"] }, a: { extends: ".base" } } },
  { templates: "hidden" },
);

// Needing itself is a cycle that validation reports: a generic job family's type names every
// job of the family, itself included, so the type checker cannot exclude it.
export const needsItself = pipeline({ jobs: { test: { needs: ["test"], script: ["x"] } } });

// Jobs built in a loop have no literal names: a typed record is accepted, names unchecked,
// stages still checked.
const generated: Record<string, PipelineJob<string, "build" | "test">> = {};
for (const part of ["a", "b"]) generated[`build-${part}`] = { stage: "build", script: ["make"] };
generated.test = { stage: "test", needs: Object.keys(generated).slice(0, -1), script: ["x"] };

export const generatedJobs = pipeline({ stages: ["build", "test"], jobs: generated });

// @ts-expect-error — the record's stages must exist in this pipeline
export const generatedJobsWrongStages = pipeline({ stages: ["build"], jobs: generated });

// Values declared `as const` fit: readonly arrays are accepted everywhere in `pipeline()`.
const cacheConfig = { key: { files: ["package-lock.json"] }, paths: [".npm/"] } as const;
const deployJob = {
  stage: "deploy",
  needs: ["test"],
  script: ["make deploy"],
  rules: [{ if: "$CI_COMMIT_TAG", when: "manual" }],
} as const;

export const constValues = pipeline({
  stages: ["test", "deploy"] as const,
  jobs: { test: { cache: cacheConfig, script: ["x"] }, deploy: deployJob },
});

// Hidden keys may hold any YAML value (a script or rules kept for an anchor or `!reference`);
// nested lists of rules and commands are accepted as GitLab flattens them.
export const hiddenValues = pipeline({
  jobs: {
    ".functions": "function deploy() { echo deploy; }",
    ".common_rules": [{ if: "$CI_COMMIT_BRANCH" }],
    ".exists": { exists: ["package.json"] },
    build: {
      script: [["make"], "make test"],
      rules: [[{ if: "$CI_COMMIT_TAG" }], { when: "never" }],
    },
  },
});

export const visibleJobIsStillChecked = pipeline({
  jobs: {
    // @ts-expect-error a job that runs must be a job, not a bare value
    build: "make",
  },
});
