import { describe, expect, it } from "vitest";
import { REMOVED_KEYWORDS } from "../../src/diagnostics/removed-keywords.js";
import { formatDiagnostic, pipeline, validatePipeline } from "../../src/index.js";

// One file per removed keyword, as a user migrating an old `.gitlab-ci.yml` would write it.
const CASES: Record<string, { input: Record<string, unknown>; path: string; message: string }> = {
  type: {
    input: { jobs: { build: { type: "build", script: ["make"] } } },
    path: "jobs.build.type",
    message: '"type" was removed in GitLab 15.0; use `stage: <stage>`',
  },
  types: {
    input: { types: ["build"], jobs: { build: { script: ["make"] } } },
    path: "types",
    message: '"types" was removed in GitLab 15.0; use `stages: [...]`',
  },
  "artifacts:reports:cobertura": {
    input: { jobs: { test: { script: ["t"], artifacts: { reports: { cobertura: "c.xml" } } } } },
    path: "jobs.test.artifacts.reports.cobertura",
    message:
      '"cobertura" was removed in GitLab 15.0; use `coverage_report: { coverage_format: cobertura, path: <file> }`',
  },
  "artifacts:reports:performance": {
    input: { jobs: { perf: { script: ["p"], artifacts: { reports: { performance: "p.json" } } } } },
    path: "jobs.perf.artifacts.reports.performance",
    message: '"performance" was removed in GitLab 14.0; use `browser_performance: <file>`',
  },
  "artifacts:reports:cluster_applications": {
    input: {
      jobs: {
        apply: { script: ["a"], artifacts: { reports: { cluster_applications: "a.json" } } },
      },
    },
    path: "jobs.apply.artifacts.reports.cluster_applications",
    message:
      '"cluster_applications" was removed in GitLab 14.0; it has no successor: manage cluster applications with a cluster management project',
  },
};

describe("removed keywords get a migration hint", () => {
  it("has a case for every entry of the catalogue", () => {
    expect(Object.keys(CASES)).toEqual(REMOVED_KEYWORDS.map((entry) => entry.keyword));
  });

  it.each(Object.entries(CASES))("%s", (_, { input, path, message }) => {
    const { diagnostics } = validatePipeline(pipeline(input as never));
    expect(diagnostics.map((d) => [d.code, d.path, d.message, d.severity])).toEqual([
      ["keyword/removed", path, message, "error"],
    ]);
  });

  it("in `default` and in an extended template too; elsewhere the key is only unknown", () => {
    const { diagnostics } = validatePipeline(
      pipeline({
        default: { type: "test" },
        jobs: {
          ".base": { script: ["x"], type: "test" },
          job: { extends: ".base", variables: { type: "x" }, cache: { type: "x" } },
        },
      } as never),
    );
    expect(diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      [
        "keyword/removed",
        "default.type",
        '"type" was removed in GitLab 15.0; use `stage: <stage>`',
      ],
      ["schema/unknown-key", "jobs.job.cache.type", 'unknown keyword "type"'],
      [
        "extends/not-a-job",
        "jobs.job.extends",
        '".base" is not a job to extend ("type" was removed in GitLab 15.0; use `stage: <stage>`); extend a job template, or use !reference to reuse part of it',
      ],
    ]);
  });
});

describe("deprecated keywords GitLab still accepts get a hint too", () => {
  it("warns about each global keyword that belongs in `default`", () => {
    const { pipeline: model, diagnostics } = validatePipeline(
      pipeline({
        image: "alpine",
        services: ["docker:dind"],
        cache: { paths: [".npm/"] },
        before_script: ["a"],
        after_script: ["b"],
        jobs: { job: { script: ["x"] } },
      }),
    );
    expect(model).toBeDefined();
    expect(diagnostics.map((d) => [d.code, d.severity, formatDiagnostic(d)])).toEqual(
      ["image", "services", "cache", "before_script", "after_script"].map((keyword) => [
        "keyword/deprecated",
        "warning",
        `${keyword}: warning: "${keyword}" at the top level is deprecated; move it into \`default\` (default: { ${keyword}: … })`,
      ]),
    );
  });

  it("says nothing about them in `default`", () => {
    const { diagnostics } = validatePipeline(
      pipeline({ default: { image: "alpine" }, jobs: { job: { script: ["x"] } } }),
    );
    expect(diagnostics).toEqual([]);
  });
});
