import { describe, expect, it } from "vitest";
import { manifestsOf } from "./synth-helpers.js";

const job = { image: "alpine", script: ["true"] };

describe("keywords without a Kubernetes meaning", () => {
  it("are warnings naming the job and the keyword", () => {
    const { diagnostics } = manifestsOf({
      jobs: {
        deploy: {
          ...job,
          environment: { name: "production" },
          rules: [{ if: "$CI_COMMIT_BRANCH" }],
          coverage: "/Total: \\d+%/",
          needs: [{ project: "group/lib", job: "build", ref: "main" }],
        },
      },
    });
    expect(diagnostics.map((d) => `${d.severity} ${d.path}: ${d.message}`)).toEqual([
      "warning jobs.deploy.rules: skipped on Kubernetes: evaluated only with --var (a job selection); without, every job is written, suspended if a rule can make it manual or delayed",
      "warning jobs.deploy.coverage: skipped on Kubernetes: read from the log by GitLab",
      "warning jobs.deploy.environment: skipped on Kubernetes: GitLab's deployment tracking",
      "warning jobs.deploy.needs[0]: skipped on Kubernetes: a need on another project cannot be waited for",
    ]);
  });

  it("a trigger job is left out, with a warning", () => {
    const manifests = manifestsOf({
      jobs: { build: job, downstream: { trigger: { project: "group/deploy" } } },
    });
    expect(manifests.jobs.map((j) => j.jobName)).toEqual(["build"]);
    expect(manifests.diagnostics).toEqual([
      {
        code: "kubernetes/skipped-keyword",
        path: "jobs.downstream.trigger",
        severity: "warning",
        message: "skipped on Kubernetes: downstream pipelines are GitLab's: the job is left out",
      },
    ]);
  });

  it("--strict makes every warning an error", () => {
    const { diagnostics } = manifestsOf(
      { jobs: { deploy: { ...job, release: { tag_name: "v1", description: "v1" } } } },
      { strict: true },
    );
    expect(diagnostics).toEqual([
      {
        code: "kubernetes/skipped-keyword",
        path: "jobs.deploy.release",
        severity: "error",
        message: "skipped on Kubernetes: creates a GitLab release",
      },
    ]);
  });

  it("mapped and recorded keywords give no warning", () => {
    const { diagnostics } = manifestsOf({
      stages: ["build", "test"],
      variables: { A: "1" },
      default: { interruptible: true },
      jobs: {
        build: {
          ...job,
          stage: "build",
          artifacts: { paths: ["dist/"] },
          cache: { paths: [".npm/"] },
        },
        test: {
          ...job,
          stage: "test",
          needs: ["build"],
          dependencies: ["build"],
          before_script: ["echo"],
          after_script: ["echo"],
          services: ["redis:7"],
          timeout: "1h",
          retry: 1,
          when: "on_success",
          allow_failure: { exit_codes: [3] },
          resource_group: "db",
          parallel: 2,
        },
      },
    });
    expect(diagnostics).toEqual([]);
  });

  it("workflow and include are skipped with a warning", () => {
    const { diagnostics } = manifestsOf({
      workflow: { rules: [{ if: "$CI_COMMIT_BRANCH" }] },
      include: [{ local: "ci/extra.yml" }],
      jobs: { build: job },
    });
    expect(diagnostics.map((d) => `${d.severity} ${d.path}: ${d.message}`)).toEqual([
      "warning workflow: skipped on Kubernetes: evaluated only with --var (a job selection); without, the pipeline always runs",
      "warning include: skipped on Kubernetes: included files are not read; write their jobs in pipeline.ts",
    ]);
  });
});
