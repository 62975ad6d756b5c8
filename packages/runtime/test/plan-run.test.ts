// planRun: the jobs GitLab would create (selectJobs), as the run's suspended Jobs with per-run
// names, needs resolved to the run's jobs, and the problems that stop a run before the cluster.
import { type PipelineInput, validatePipeline } from "@pipecraft/core";
import { kaniko } from "@pipecraft/kubernetes";
import { describe, expect, it } from "vitest";
import { planRun } from "../src/plan/plan-run.js";
import { newRunId, runIdProblem } from "../src/plan/run-id.js";
import { runObjectName } from "../src/plan/run-names.js";

function model(input: PipelineInput) {
  const { pipeline, diagnostics } = validatePipeline({
    kind: "pipecraft.pipeline",
    input,
    options: {},
  });
  if (pipeline === undefined) throw new Error(JSON.stringify(diagnostics));
  return pipeline;
}

const options = { name: "shop", namespace: "ci", runId: "r1" };
const image = "alpine";

describe("planRun", () => {
  it("names every object after the run, suspends every Job, points them at the run's claim", () => {
    const planned = planRun(
      model({
        stages: ["build", "test"],
        jobs: {
          build: { stage: "build", image, script: ["make"] },
          test: { stage: "test", image, script: ["make test"], needs: ["build"] },
        },
      }),
      { ...options, variables: { MODE: "fast" } },
    );
    expect(planned.problems).toEqual([]);
    expect(planned.plan?.jobs).toEqual([
      {
        name: "build",
        job: "build",
        objectName: "shop-r1-build",
        stage: "build",
        stageIndex: 1,
        when: "on_success",
        allowFailure: false,
      },
      {
        name: "test",
        job: "test",
        objectName: "shop-r1-test",
        stage: "test",
        stageIndex: 2,
        when: "on_success",
        allowFailure: false,
        needs: ["build"],
      },
    ]);
    expect(planned.objects?.workspace.metadata).toMatchObject({
      name: "shop-r1-workspace",
      namespace: "ci",
    });
    const test = planned.objects?.jobs.get("test");
    expect(test?.metadata?.name).toBe("shop-r1-test");
    expect(test?.metadata?.annotations?.["pipecraft.dev/needs"]).toBe('["shop-r1-build"]');
    expect(test?.metadata?.labels?.["pipecraft.dev/run-id"]).toBe("r1");
    expect(test?.spec?.suspend).toBe(true);
    const pod = test?.spec?.template.spec;
    expect(
      pod?.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim?.claimName,
    ).toBe("shop-r1-workspace");
    const env = pod?.containers[0]?.env ?? [];
    expect(env.filter((e) => e.name === "MODE")).toEqual([{ name: "MODE", value: "fast" }]);
    // CI_PIPELINE_ID comes from the run-id label, which the run sets.
    expect(env.find((e) => e.name === "CI_PIPELINE_ID")?.valueFrom?.fieldRef?.fieldPath).toBe(
      "metadata.labels['pipecraft.dev/run-id']",
    );
  });

  it("takes when, allow_failure, start_in and needs from the matching rule", () => {
    const planned = planRun(
      model({
        jobs: {
          build: { image, script: ["make"] },
          deploy: {
            image,
            script: ["deploy"],
            needs: ["build"],
            rules: [
              { if: '$TARGET == "prod"', when: "manual", allow_failure: false, needs: [] },
              { when: "delayed", start_in: "5 minutes", allow_failure: { exit_codes: [3] } },
            ],
          },
        },
      }),
      { ...options, variables: { TARGET: "prod" } },
    );
    expect(planned.plan?.jobs[1]).toMatchObject({ when: "manual", allowFailure: false, needs: [] });
    const delayed = planRun(
      model({
        jobs: {
          deploy: {
            image,
            script: ["deploy"],
            rules: [{ when: "delayed", start_in: "5 minutes", allow_failure: { exit_codes: [3] } }],
          },
        },
      }),
      options,
    );
    expect(delayed.plan?.jobs[0]).toMatchObject({
      when: "delayed",
      startInSeconds: 300,
      allowFailure: { exit_codes: [3] },
    });
  });

  it("marks a kaniko.build() job with the kaniko role (its refused Pod gets Kaniko's fix)", () => {
    const build = kaniko.build({ destinations: ["registry.example/shop:1"] });
    const planned = planRun(
      model({
        stages: ["build"],
        jobs: {
          "build-image": { ...build, stage: "build" },
          lint: { stage: "build", image, script: ["make lint"] },
        },
      }),
      options,
    );
    expect(planned.plan?.jobs.map((job) => [job.name, job.role])).toEqual([
      ["build-image", "kaniko"],
      ["lint", undefined],
    ]);
  });

  it("leaves out jobs the rules do not create, and reports trigger jobs as not run", () => {
    const planned = planRun(
      model({
        jobs: {
          build: { image, script: ["make"] },
          docs: { image, script: ["make docs"], rules: [{ if: "$DOCS" }] },
          downstream: { trigger: "group/other" },
        },
      }),
      options,
    );
    expect(planned.plan?.jobs.map((job) => job.name)).toEqual(["build"]);
    expect(planned.plan?.notRun).toEqual([
      {
        name: "downstream",
        stage: "test",
        reason: "a trigger job starts another pipeline, which pipecraft run does not do",
      },
    ]);
  });

  it("matrix: one job per combination; needs with parallel.matrix name only the listed ones", () => {
    const planned = planRun(
      model({
        stages: ["build", "deploy"],
        jobs: {
          build: {
            stage: "build",
            image,
            script: ["make"],
            parallel: { matrix: [{ OS: ["linux", "mac"] }] },
          },
          ship: {
            stage: "deploy",
            image,
            script: ["ship"],
            needs: [{ job: "build", parallel: { matrix: [{ OS: "mac" }] } }],
          },
        },
      }),
      options,
    );
    expect(planned.plan?.jobs.map((job) => [job.name, job.objectName, job.needs])).toEqual([
      ["build: [linux]", "shop-r1-build-linux", undefined],
      ["build: [mac]", "shop-r1-build-mac", undefined],
      ["ship", "shop-r1-ship", ["build: [mac]"]],
    ]);
  });

  it("an optional need of a job that is not created is dropped; a required one is a problem", () => {
    const input = (optional: boolean): PipelineInput => ({
      jobs: {
        extra: { image, script: ["x"], rules: [{ if: "$EXTRA" }] },
        test: { image, script: ["t"], needs: [{ job: "extra", optional }] },
      },
    });
    expect(planRun(model(input(true)), options).plan?.jobs).toMatchObject([
      { name: "test", needs: [] },
    ]);
    expect(planRun(model(input(false)), options).problems).toEqual([
      '"test" needs "extra", which is not in this run (its rules leave it out); make the need optional: true or fix the rules',
    ]);
  });

  it("without a branch or tag the run is a push to main; workflow:rules can refuse it", () => {
    const pipeline = model({
      workflow: { rules: [{ if: '$CI_COMMIT_BRANCH == "main"' }] },
      jobs: { build: { image, script: ["make"] } },
    });
    expect(planRun(pipeline, options).problems).toEqual([]);
    expect(
      planRun(pipeline, { ...options, predefined: { CI_COMMIT_BRANCH: "dev" } }).problems,
    ).toEqual(["workflow:rules: the pipeline does not run for these variables"]);
  });

  it("--manual names are checked against the run's manual jobs", () => {
    const planned = planRun(
      model({
        jobs: { deploy: { image, script: ["d"], when: "manual" }, build: { image, script: ["b"] } },
      }),
      { ...options, play: ["deploy", "build"] },
    );
    expect(planned.unknownManual).toEqual([
      "--manual build: no manual job of that name in this run (manual jobs: deploy)",
    ]);
    expect(planned.plan).toBeUndefined();
  });

  it("--all-manual plays every manual job of the run", () => {
    const planned = planRun(
      model({
        jobs: {
          deploy: { image, script: ["d"], when: "manual" },
          approve: { image, script: ["a"], when: "manual", allow_failure: false },
          build: { image, script: ["b"] },
        },
      }),
      { ...options, playAll: true },
    );
    expect(planned.unknownManual).toEqual([]);
    expect([...(planned.plan?.play ?? [])].sort()).toEqual(["approve", "deploy"]);
  });

  it("names that collide once the run id is added are a problem", () => {
    const long = "x".repeat(40);
    const planned = planRun(
      model({
        jobs: { [`${long}-a`]: { image, script: ["a"] }, [`${long}-b`]: { image, script: ["b"] } },
      }),
      { ...options, runId: "r".repeat(20) },
    );
    expect(planned.problems).toEqual([
      `two jobs of the run (2 in all) become the Kubernetes Job "shop-${"r".repeat(20)}-${"x".repeat(37)}" once the run id is added; use a shorter --run-id or shorter job names`,
    ]);
  });
});

describe("run ids and names", () => {
  it("newRunId: time in base 36, then three random characters, sortable", () => {
    expect(newRunId(0, () => 0)).toBe("0000");
    const a = newRunId(Date.UTC(2026, 0, 1), () => 0.5);
    const b = newRunId(Date.UTC(2026, 0, 2), () => 0);
    expect(a).toMatch(/^[a-z0-9]{11}$/);
    expect(a < b).toBe(true);
    expect(runIdProblem(a)).toBeUndefined();
  });

  it("runIdProblem: a DNS label of up to 20 characters", () => {
    expect(runIdProblem("nightly-1")).toBeUndefined();
    for (const bad of ["Run", "a_b", "-a", "a-", "x".repeat(21)]) {
      expect(runIdProblem(bad)).toBe(
        "is not a run id: up to 20 lower-case letters, digits and '-', starting and ending with a letter or digit",
      );
    }
  });

  it("runObjectName puts the run id after the pipeline name and keeps 63 characters", () => {
    expect(runObjectName("shop", "r1", "shop-build")).toBe("shop-r1-build");
    expect(runObjectName("shop", "r1", `shop-${"a".repeat(70)}`)).toHaveLength(63);
  });
});
