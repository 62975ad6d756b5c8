import { describe, expect, it } from "vitest";
import { diagnosticsOf } from "./untyped-definition.js";

describe("job names", () => {
  it("rejects names that differ only in surrounding spaces", () => {
    expect(
      diagnosticsOf({ jobs: { build: { script: ["x"] }, "build ": { script: ["x"] } } }),
    ).toEqual([
      [
        'jobs["build "]',
        'job name collides with "build": they differ only in leading or trailing spaces',
        "error",
      ],
    ]);
  });

  it("warns about names that differ only in case", () => {
    expect(diagnosticsOf({ jobs: { build: { script: ["x"] }, Build: { script: ["x"] } } })).toEqual(
      [
        [
          "jobs.Build",
          'job name differs from "build" only in case; both map to the same Kubernetes name',
          "warning",
        ],
      ],
    );
  });

  it("rejects a name GitLab generates for a parallel copy", () => {
    const jobs = {
      test: { script: ["x"], parallel: 3 },
      "test 2/3": { script: ["x"] },
      "test 4/3": { script: ["x"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      [
        'jobs["test 2/3"]',
        "job name collides with a copy GitLab generates from jobs.test.parallel",
        "error",
      ],
    ]);
  });

  it("rejects a name GitLab generates for a matrix copy", () => {
    const jobs = {
      deploy: {
        script: ["x"],
        parallel: { matrix: [{ PROVIDER: "aws", STACK: ["app1", "app2"] }] },
      },
      "deploy: [aws, app2]": { script: ["x"] },
      "deploy: [gcp, app2]": { script: ["x"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      [
        'jobs["deploy: [aws, app2]"]',
        "job name collides with a copy GitLab generates from jobs.deploy.parallel",
        "error",
      ],
    ]);
  });

  it("warns about names YAML reads as values", () => {
    expect(diagnosticsOf({ jobs: { true: { script: ["x"] } } })).toEqual([
      ["jobs.true", '"true" reads as a YAML value unless quoted; rename the job', "warning"],
    ]);
  });

  it("rejects top-level keywords (through the schema)", () => {
    expect(
      diagnosticsOf({ jobs: { stages: { script: ["x"] }, types: { script: ["x"] } } }),
    ).toEqual([
      [
        "jobs.stages",
        '"stages" is a top-level GitLab keyword, not a job name; rename the job',
        "error",
      ],
      [
        "jobs.types",
        '"types" is a top-level GitLab keyword, not a job name; rename the job',
        "error",
      ],
    ]);
  });
});
