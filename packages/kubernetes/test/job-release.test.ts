// Which Jobs start at once and which wait suspended (spec.suspend, pipecraft.dev/release), and
// what a job selection from core's selectJobs does to the manifests.
import {
  type PipelineInput,
  type SelectionInput,
  selectJobs,
  validatePipeline,
} from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { toKubernetesManifests } from "../src/to-kubernetes-manifests.js";
import { envOf, mainContainer, manifestsOf } from "./synth-helpers.js";

const job = { image: "alpine:3.20", script: ["true"] };

/** `name release` of each Job, `now` for one that is not suspended. */
function releases(manifests: ReturnType<typeof manifestsOf>): string[] {
  return manifests.jobs.map(({ job: manifest }) => {
    const release = manifest.metadata?.annotations?.["pipecraft.dev/release"];
    expect(manifest.spec?.suspend === true).toBe(release !== undefined);
    return `${manifest.metadata?.name} ${release ?? "now"}`;
  });
}

/** The manifests of `input` for the jobs `selectJobs` creates with `selection`. */
function selected(input: PipelineInput, selection: SelectionInput) {
  const { pipeline, diagnostics } = validatePipeline({
    kind: "pipecraft.pipeline",
    input,
    options: {},
  });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return toKubernetesManifests(pipeline!, {
    name: "app",
    selection: selectJobs(pipeline!, selection),
  });
}

describe("suspended Jobs", () => {
  it("a Job waits when manual, delayed, on_failure, or after its needs or earlier stages", () => {
    const manifests = manifestsOf({
      stages: ["build", "test", "deploy"],
      jobs: {
        compile: { ...job, stage: "build" },
        lint: { ...job, stage: "build", when: "always" },
        unit: { ...job, stage: "test", needs: ["compile"] },
        docs: { ...job, stage: "test", needs: [] },
        e2e: { ...job, stage: "test" },
        report: { ...job, stage: "test", when: "on_failure" },
        later: { ...job, stage: "deploy", when: "delayed", start_in: "5 minutes" },
        deploy: { ...job, stage: "deploy", needs: ["unit"], when: "manual" },
      },
    });
    expect(releases(manifests)).toEqual([
      "app-compile now",
      "app-lint now",
      "app-unit after-needs",
      "app-docs now",
      "app-e2e after-stages",
      "app-report on-failure",
      "app-later delayed",
      "app-deploy manual",
    ]);
  });

  it("a job with no job in an earlier stage starts at once", () => {
    const manifests = manifestsOf({
      stages: ["build", "test"],
      jobs: { unit: { ...job, stage: "test" } },
    });
    expect(releases(manifests)).toEqual(["app-unit now"]);
  });

  it("without a selection, a job whose rules can make it manual is suspended as manual", () => {
    const manifests = manifestsOf({
      jobs: {
        deploy: {
          ...job,
          rules: [{ if: '$CI_COMMIT_BRANCH == "main"', when: "manual" }, { when: "on_success" }],
        },
        later: { ...job, rules: [{ when: "delayed", start_in: "1 hour" }] },
      },
    });
    expect(releases(manifests)).toEqual(["app-deploy manual", "app-later delayed"]);
  });
});

describe("a job selection", () => {
  const onMain = { predefined: { CI_COMMIT_BRANCH: "main" } };
  const input: PipelineInput = {
    stages: ["build", "deploy"],
    jobs: {
      build: {
        ...job,
        stage: "build",
        parallel: { matrix: [{ OS: ["linux", "mac"] }] },
        rules: [{ if: '$OS == "mac" && $CI_COMMIT_BRANCH != "main"', when: "never" }, {}],
      },
      deploy: {
        ...job,
        stage: "deploy",
        needs: [],
        rules: [
          {
            if: '$CI_COMMIT_BRANCH == "main"',
            when: "manual",
            allow_failure: false,
            needs: ["build"],
          },
        ],
      },
    },
  };

  it("writes only the jobs and matrix combinations created, as their rule made them", () => {
    const main = selected(input, { predefined: { CI_COMMIT_BRANCH: "main" } });
    expect(main.diagnostics).toEqual([]);
    expect(releases(main)).toEqual([
      "app-build-linux now",
      "app-build-mac now",
      "app-deploy manual",
    ]);
    const deploy = main.jobs[2]?.job.metadata?.annotations;
    expect(deploy).toMatchObject({
      "pipecraft.dev/when": "manual",
      "pipecraft.dev/allow-failure": "false",
    });
    const feature = selected(input, { predefined: { CI_COMMIT_BRANCH: "feature" } });
    expect(releases(feature)).toEqual(["app-build-linux now"]);
  });

  it("rule needs replace the job's needs", () => {
    const main = selected(input, { predefined: { CI_COMMIT_BRANCH: "main" } });
    expect(main.jobs[2]?.job.metadata?.annotations?.["pipecraft.dev/needs"]).toBe(
      '["app-build-linux","app-build-mac"]',
    );
  });

  it("rules, only, except and workflow are evaluated, so not reported as skipped", () => {
    const manifests = selected(
      { ...input, workflow: { rules: [{ when: "always" }] } },
      { predefined: { CI_COMMIT_BRANCH: "main" } },
    );
    expect(manifests.diagnostics).toEqual([]);
  });

  it("a pipeline workflow:rules do not create: a warning and no Jobs", () => {
    const manifests = selected(
      { ...input, workflow: { rules: [{ if: "$RUN" }] } },
      { predefined: { CI_COMMIT_BRANCH: "main" } },
    );
    expect(manifests.jobs).toEqual([]);
    expect(manifests.diagnostics).toEqual([
      {
        code: "kubernetes/no-pipeline",
        path: "workflow",
        severity: "warning",
        message: "workflow:rules create no pipeline for these variables: no Jobs are written",
      },
    ]);
  });

  it("the rule's variables, then the run's, go into the env over the job's", () => {
    const manifests = selected(
      {
        variables: { LEVEL: "pipeline", RUN: "pipeline" },
        jobs: {
          deploy: {
            ...job,
            variables: { LEVEL: "job", OWN: "job" },
            rules: [{ if: '$CI_COMMIT_BRANCH == "main"', variables: { LEVEL: "rule", RULE: "1" } }],
          },
          plain: { ...job },
        },
      },
      { predefined: { CI_COMMIT_BRANCH: "main" }, variables: { RUN: "run", RULE: "run" } },
    );
    const [deploy, plain] = manifests.jobs.map(({ job: manifest }) =>
      envOf(mainContainer(manifest)),
    );
    expect(deploy).toMatchObject({ LEVEL: "rule", OWN: "job", RULE: "run", RUN: "run" });
    expect(plain).toMatchObject({ LEVEL: "pipeline", RUN: "run", RULE: "run" });
  });

  it("a need on a job not created is an error unless optional", () => {
    const needing = (optional: boolean): PipelineInput => ({
      stages: ["build", "deploy"],
      jobs: {
        build: { ...job, stage: "build", rules: [{ if: "$BUILD" }] },
        deploy: { ...job, stage: "deploy", needs: [{ job: "build", optional }] },
      },
    });
    expect(selected(needing(false), onMain).diagnostics).toEqual([
      {
        code: "kubernetes/need-not-created",
        path: "jobs.deploy.needs[0]",
        severity: "error",
        message:
          '"deploy" needs "build", which its rules do not create for these variables; GitLab would not create this pipeline (use needs: [{ job: "build", optional: true }] if that is intended)',
      },
    ]);
    const optional = selected(needing(true), onMain);
    expect(optional.diagnostics).toEqual([]);
    // Nothing left to wait for: the Job starts at once.
    expect(releases(optional)).toEqual(["app-deploy now"]);
  });
});
