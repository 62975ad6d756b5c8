// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` in rules:if is the mistake under test.
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { pipeline } from "../../src/pipeline.js";
import { reference } from "../../src/reference.js";
import { validatePipeline } from "../../src/validate/validate-pipeline.js";
import { diagnosticsOf, untypedDefinition } from "./untyped-definition.js";

describe("validatePipeline", () => {
  it("returns the normalized pipeline and no diagnostics for a valid definition", () => {
    const definition = pipeline({
      stages: ["build", "test"],
      jobs: {
        build: { stage: "build", script: ["npm ci", "npm run build"] },
        test: { stage: "test", needs: ["build"], script: ["npm test"] },
      },
    });
    expect(validatePipeline(definition)).toEqual({
      pipeline: {
        stages: ["build", "test"],
        jobs: {
          build: { stage: "build", script: ["npm ci", "npm run build"] },
          test: { stage: "test", needs: ["build"], script: ["npm test"] },
        },
      },
      diagnostics: [],
    });
  });

  it("collects every mistake in one pass, schema and semantic, in a stable order", () => {
    const input = {
      stages: ["build", "test", "deploy"],
      jobs: {
        build: { stage: "build", script: ["make"] },
        test: { scirpt: ["npm test"], needs: ["biuld"] },
        lint: { stage: "tset", script: ["x"], rules: [{ if: "${CI_COMMIT_BRANCH}" }] },
        a: { stage: "deploy", needs: ["b"], script: ["x"] },
        b: { stage: "deploy", needs: ["a"], script: ["x"] },
        deploy: { extends: ".deploy", script: ["x"] },
        empty: { stage: "test" },
        Build: { script: ["x"] },
      },
    };
    const lines = validatePipeline(untypedDefinition(input)).diagnostics.map((d) =>
      formatDiagnostic(d, "pipeline.ts"),
    );
    expect(lines).toEqual([
      'pipeline.ts: jobs.test.scirpt: unknown keyword "scirpt"; did you mean "script"?',
      'pipeline.ts: jobs.Build: warning: job name differs from "build" only in case; both map to the same Kubernetes name',
      'pipeline.ts: jobs.deploy.extends: no job or template named ".deploy" to extend',
      'pipeline.ts: jobs.lint.stage: stage "tset" is not declared in stages; did you mean "test"?',
      'pipeline.ts: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?',
      "pipeline.ts: jobs.a.needs[0]: needs cycle: a → b → a",
      "pipeline.ts: jobs.empty: job has nothing to run; add script (or trigger, to start a downstream pipeline)",
      "pipeline.ts: jobs.lint.rules[0].if: ${CI_COMMIT_BRANCH} is not expanded in rules:if; use $CI_COMMIT_BRANCH",
    ]);
    expect(validatePipeline(untypedDefinition(input)).pipeline).toBeUndefined();
  });

  it("a job with a schema error still gets every other check (a job that needs itself and parallel: 500)", () => {
    const lines = validatePipeline(
      untypedDefinition({
        stages: ["build"],
        jobs: { build: { stage: "build", script: ["x"], needs: ["build"], parallel: 500 } },
      }),
    ).diagnostics.map((d) => formatDiagnostic(d, "pipeline.ts"));
    expect(lines).toEqual([
      "pipeline.ts: jobs.build.parallel: must be at most 200, got 500",
      'pipeline.ts: jobs.build.needs[0]: job "build" needs itself',
    ]);
  });

  it("reports several independent errors of several jobs at once, each schema-invalid job checked too", () => {
    const lines = validatePipeline(
      untypedDefinition({
        stages: ["build", "test", "deploy"],
        jobs: {
          build: { stage: "build", script: ["x"], parallel: 500, when: "manually" },
          test: { stage: "tset", needs: ["test", "biuld"], script: ["y"], timeout: "forever" },
          deploy: { stage: "deploy", needs: ["later"], script: 42 },
          later: { stage: "deploy", needs: ["deploy"], retry: 9, script: ["z"] },
          ".stop": { environment: { name: 3 } },
          review: { stage: "test", environment: { name: "r", on_stop: ".stop" }, script: ["x"] },
        },
      }),
    ).diagnostics.map((d) => formatDiagnostic(d, "pipeline.ts"));
    expect(lines).toEqual([
      'pipeline.ts: jobs.build.when: expected one of "on_success", "on_failure", "always", "never", "manual", "delayed", got "manually"; did you mean "manual"?',
      "pipeline.ts: jobs.build.parallel: must be at most 200, got 500",
      "pipeline.ts: jobs.deploy.script: expected a string or a list, got 42",
      "pipeline.ts: jobs.later.retry: must be at most 2, got 9",
      // `.stop` is hidden and extended by nothing: as in GitLab, a hidden key may hold any value.
      'pipeline.ts: jobs.test.stage: stage "tset" is not declared in stages; did you mean "test"?',
      'pipeline.ts: jobs.test.needs[1]: no job named "biuld"; did you mean "build"?',
      'pipeline.ts: jobs.test.needs[0]: job "test" needs itself',
      "pipeline.ts: jobs.deploy.needs[0]: needs cycle: deploy → later → deploy",
      'pipeline.ts: jobs.test.timeout: "forever" is not a duration; write e.g. "1h 30m"',
      'pipeline.ts: jobs.review.environment.on_stop: ".stop" is a hidden template, which never runs',
    ]);
  });

  it("a partial job's missing stage or script is not guessed: no false 'undeclared stage' or 'nothing to run'", () => {
    const lines = validatePipeline(
      untypedDefinition({
        stages: ["build"],
        jobs: {
          build: { stage: "build", script: ["x"] },
          odd: { stage: 7, script: 8, needs: ["odd"] },
        },
      }),
    ).diagnostics.map((d) => formatDiagnostic(d, "pipeline.ts"));
    expect(lines).toEqual([
      "pipeline.ts: jobs.odd.stage: expected a string, got 7",
      "pipeline.ts: jobs.odd.script: expected a string or a list, got 8",
      'pipeline.ts: jobs.odd.needs[0]: job "odd" needs itself',
    ]);
  });

  it("lets warnings through: the pipeline is still produced", () => {
    const result = validatePipeline(
      untypedDefinition({ jobs: { build: { script: ["x"] }, Build: { script: ["x"] } } }),
    );
    expect(result.diagnostics.map((d) => d.severity)).toEqual(["warning"]);
    expect(Object.keys(result.pipeline!.jobs)).toEqual(["build", "Build"]);
  });

  it("re-validates values that came from a !reference, as GitLab does after resolving", () => {
    const input = {
      jobs: {
        ".vars": { variables: { A: "1" } },
        job: { script: reference(".vars", "variables") },
      },
    };
    // `script` accepts a !reference, but what this one points to is a map of variables.
    expect(diagnosticsOf(input)).toEqual([
      [
        "jobs.job.script",
        "expected a string or a list, got an object (after resolving !reference)",
        "error",
      ],
    ]);
  });

  it("rejects something that is not a pipeline definition", () => {
    expect(validatePipeline(42 as never).diagnostics).toEqual([
      {
        code: "pipeline/not-a-definition",
        path: "",
        message: "expected the value returned by pipeline({ ... })",
        severity: "error",
      },
    ]);
  });
});
