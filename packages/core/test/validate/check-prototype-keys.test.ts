import { describe, expect, it } from "vitest";
import { pipeline } from "../../src/pipeline.js";
import { checkPrototypeKeys } from "../../src/validate/check-prototype-keys.js";
import { validatePipeline } from "../../src/validate/validate-pipeline.js";
import { diagnosticsOf } from "./untyped-definition.js";

const message =
  '"__proto__" cannot be a name here: JavaScript objects read it as their prototype, so it would be dropped; rename it';

describe("__proto__ as a name", () => {
  it("is an error at each place it is written, never silently dropped", () => {
    // JSON.parse (like Object.fromEntries or a computed key) makes "__proto__" an own key.
    const input = JSON.parse(`{
      "variables": { "__proto__": "top" },
      "jobs": {
        "__proto__": { "script": ["echo proto"] },
        "a": { "script": ["true"], "variables": { "__proto__": "x", "Y": "1" },
               "parallel": { "matrix": [{ "__proto__": ["1", "2"] }] },
               "kubernetes": { "variables": { "__proto__": "v" }, "labels": { "__proto__": "l" } } }
      }
    }`);
    expect(diagnosticsOf(input)).toEqual([
      ["variables.__proto__", message, "error"],
      ["jobs.__proto__", message, "error"],
      ["jobs.a.variables.__proto__", message, "error"],
      ["jobs.a.parallel.matrix[0].__proto__", message, "error"],
      ["jobs.a.kubernetes.variables.__proto__", message, "error"],
      ["jobs.a.kubernetes.labels.__proto__", message, "error"],
    ]);
  });

  it("leaves a pipeline without such keys alone", () => {
    const definition = pipeline({ variables: { A: "1" }, jobs: { a: { script: ["true"] } } });
    expect(validatePipeline(definition).diagnostics).toEqual([]);
  });

  it("looks at each object once, so a cycle ends the walk", () => {
    const variables: Record<string, unknown> = { A: "1" };
    variables.self = variables;
    variables.list = [variables, JSON.parse('{"__proto__": 1}')];
    expect(checkPrototypeKeys({ variables }).map((d) => d.path)).toEqual([
      "variables.list[1].__proto__",
    ]);
  });
});
