// File shapes from GitLab's own templates that GitLab accepts and pipecraft used to refuse.
import { describe, expect, it } from "vitest";
import {
  type InputDeclarations,
  interpolateInputs,
  resolveInputValues,
} from "../../src/inputs/interpolate-inputs.js";
import { reference } from "../../src/reference.js";
import { selectJobs } from "../../src/rules/select-jobs.js";
import { validatePipeline } from "../../src/validate/validate-pipeline.js";
import { diagnosticsOf, untypedDefinition } from "./untyped-definition.js";

describe("hidden keys hold any value", () => {
  // Auto-DevOps.gitlab-ci.yml: `.auto_devops: &auto_devops |` then `- *auto_devops`.
  const functions = "function deploy() {\n  echo deploy\n}\n";
  const input = {
    stages: [reference(".stages", "list")],
    jobs: {
      ".functions": functions,
      ".common_rules": [{ if: "$CI_COMMIT_BRANCH" }],
      // Dependency-Scanning.latest: a bare `exists:` list kept for `!reference`.
      ".ds-rules": { exists: ["**/package.json"] },
      ".stages": { list: ["build"] },
      build: {
        stage: "build",
        script: [functions, "deploy"],
        rules: [{ if: "$X", exists: reference(".ds-rules", "exists") }],
      },
    },
  };

  it("accepts and keeps them", () => {
    expect(diagnosticsOf(input)).toEqual([]);
    const hidden = validatePipeline(untypedDefinition(input, { templates: "hidden" }));
    expect(hidden.pipeline?.jobs[".functions"]).toBe(functions);
    expect(Object.keys(hidden.pipeline?.jobs ?? {})).toEqual(Object.keys(input.jobs));
    const expanded = validatePipeline(untypedDefinition(input));
    expect(expanded.pipeline?.jobs.build?.rules).toEqual([
      { if: "$X", exists: ["**/package.json"] },
    ]);
    expect(expanded.pipeline?.stages).toEqual(["build"]);
  });

  it("reports extending one, with why it is no job", () => {
    expect(
      diagnosticsOf({
        jobs: {
          ".functions": functions,
          ".typo": { scirpt: ["x"] },
          a: { extends: [".functions", ".typo"] },
        },
      }),
    ).toEqual([
      [
        "jobs.a.extends[0]",
        '".functions" is not a job to extend (it is a string); extend a job template, or use !reference to reuse part of it',
        "error",
      ],
      [
        "jobs.a.extends[1]",
        '".typo" is not a job to extend (unknown keyword "scirpt"; did you mean "script"?); extend a job template, or use !reference to reuse part of it',
        "error",
      ],
    ]);
  });
});

describe("nested lists are flattened where GitLab flattens them", () => {
  const nested = (depth: number): unknown => (depth === 1 ? ["echo deep"] : [nested(depth - 1)]);

  it("accepts script lists nested up to 10 levels and refuses 11", () => {
    expect(diagnosticsOf({ jobs: { a: { script: nested(10) } } })).toEqual([]);
    expect(diagnosticsOf({ jobs: { a: { script: nested(11) } } }).map(([path]) => path)).toEqual([
      "jobs.a.script[0][0][0][0][0][0][0][0][0][0]",
    ]);
  });

  it("flattens `rules: [*common_rules, …]` before selecting jobs", () => {
    const common = [{ if: '$CI_COMMIT_BRANCH == "main"', when: "never" }];
    const input = {
      jobs: {
        a: { script: ["x"], before_script: [["a"], "b"], rules: [common, { when: "always" }] },
      },
    };
    expect(diagnosticsOf(input)).toEqual([]);
    const { pipeline } = validatePipeline(untypedDefinition(input));
    expect(pipeline?.jobs.a?.rules).toEqual([...common, { when: "always" }]);
    expect(pipeline?.jobs.a?.before_script).toEqual(["a", "b"]);
    const names = (branch: string) =>
      selectJobs(pipeline!, { variables: { CI_COMMIT_BRANCH: branch } }).jobs.map((j) => j.name);
    expect(names("main")).toEqual([]);
    expect(names("dev")).toEqual(["a"]);
  });
});

describe("$[[ inputs.name ]]", () => {
  const spec = {
    inputs: {
      stage: { default: "test" },
      allow: { type: "boolean", default: true },
      jobs: { type: "number", default: 2 },
      env: { options: ["staging", "production"] },
    },
  } satisfies { inputs: InputDeclarations };

  it("is interpolated before validation, and kept in the output", () => {
    const input = {
      spec,
      stages: ["$[[ inputs.stage ]]"],
      jobs: {
        "deploy-$[[ inputs.env ]]": {
          stage: "$[[ inputs.stage ]]",
          allow_failure: "$[[ inputs.allow ]]",
          parallel: "$[[ inputs.jobs ]]",
          script: ["deploy --to $[[ inputs.env | truncate(0,4) ]]"],
        },
      },
    };
    expect(diagnosticsOf(input)).toEqual([]);
    const { pipeline } = validatePipeline(untypedDefinition(input, { templates: "hidden" }));
    expect(pipeline?.jobs["deploy-$[[ inputs.env ]]"]?.allow_failure).toBe("$[[ inputs.allow ]]");
  });

  it("reports a placeholder for an input the file does not declare", () => {
    expect(diagnosticsOf({ spec, jobs: { a: { script: ["echo $[[ inputs.nope ]]"] } } })).toEqual([
      [
        "jobs.a.script[0]",
        "$[[ inputs.nope ]] names no declared input with a value; declare it in spec:inputs",
        "error",
      ],
    ]);
  });

  it("types a whole placeholder and writes one inside text as text", () => {
    const { values } = resolveInputValues(spec.inputs, { env: "production" });
    expect(
      interpolateInputs(
        { a: "$[[ inputs.jobs ]]", b: "n=$[[ inputs.jobs ]]", c: "$[[inputs.env|truncate(0,4)]]" },
        values,
      ),
    ).toEqual({ value: { a: 2, b: "n=2", c: "prod" }, diagnostics: [] });
  });

  it("checks given inputs against their declarations", () => {
    const { diagnostics } = resolveInputValues(
      { ...spec.inputs, name: { regex: "^[a-z]+$" } },
      { jobs: "two", env: "qa", name: "A1", extra: 1 },
      ["include", 0, "inputs"],
    );
    expect(diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      [
        "inputs/unknown",
        "include[0].inputs.extra",
        'unknown input "extra"; the file declares "stage", "allow", "jobs", "env", "name"',
      ],
      ["inputs/invalid", "include[0].inputs.jobs", 'input "jobs": expected a number, got "two"'],
      [
        "inputs/invalid",
        "include[0].inputs.env",
        'input "env": "qa" is not one of the options ["staging","production"]',
      ],
      ["inputs/invalid", "include[0].inputs.name", 'input "name": "A1" does not match ^[a-z]+$'],
    ]);
    expect(resolveInputValues({ env: null }, {}).diagnostics.map((d) => d.message)).toEqual([
      'input "env" is required; give it a value',
    ]);
  });

  it("checks defaults against options and regex, at the input in spec", () => {
    const input = {
      spec: {
        inputs: {
          env: { options: ["a", "b"], default: "c" },
          name: { regex: "^x", default: "y" },
          required: { type: "number" },
        },
      },
      jobs: { test: { parallel: "$[[ inputs.required ]]", script: ["echo $[[ inputs.env ]]"] } },
    };
    expect(diagnosticsOf(input)).toEqual([
      ["spec.inputs.env", 'input "env": "c" is not one of the options ["a","b"]', "error"],
      ["spec.inputs.name", 'input "name": "y" does not match ^x', "error"],
    ]);
  });

  it("reports an invalid spec once: its placeholders are not undeclared", () => {
    const input = {
      spec: { inputs: { n: { type: "number", default: "two" } } },
      jobs: { test: { parallel: "$[[ inputs.n ]]", script: ["x"] } },
    };
    expect(diagnosticsOf(input)).toEqual([
      ["spec.inputs.n.default", "`default` must have the input's `type`", "error"],
    ]);
  });
});
