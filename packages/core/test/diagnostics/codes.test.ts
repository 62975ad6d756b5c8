import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../src/diagnostics/codes.js";
import { reference } from "../../src/reference.js";
import { validatePipeline } from "../../src/validate/validate-pipeline.js";
import { codesOf, untypedDefinition } from "../validate/untyped-definition.js";

const root = new URL("../../../../", import.meta.url);

/** The rows of the README's "Diagnostic codes" table, as `[code, meaning]`. */
function readmeCodes(): [string, string][] {
  const readme = readFileSync(new URL("README.md", root), "utf8");
  const section = readme.split("### Diagnostic codes")[1]?.split(/\n#{2,3} /)[0] ?? "";
  return [...section.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map(([, code, meaning]) => [
    code!,
    meaning!,
  ]);
}

/** The text of every source file of every package, but the catalogue's own. */
function sources(): string {
  const packages = new URL("packages/", root).pathname;
  return readdirSync(packages)
    .flatMap((name) => {
      const src = join(packages, name, "src");
      return readdirSync(src, { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts") && !file.endsWith("diagnostics/codes.ts"))
        .map((file) => readFileSync(join(src, file), "utf8"));
    })
    .join("\n");
}

describe("the diagnostic code catalogue", () => {
  it("is the README's table, code for code and meaning for meaning", () => {
    // To update: add the code to DIAGNOSTIC_CODES and the same row to the README.
    expect(readmeCodes()).toEqual(Object.entries(DIAGNOSTIC_CODES));
  });

  it("holds only codes some package reports", () => {
    const text = sources();
    const unused = Object.keys(DIAGNOSTIC_CODES).filter((code) => !text.includes(`"${code}"`));
    expect(unused).toEqual([]);
  });
});

describe("diagnostic codes", () => {
  const build = { stage: "build", script: ["make"] };

  it("a misspelt need is needs/unknown-job, with the suggestion in the message", () => {
    const result = validatePipeline(
      untypedDefinition({ jobs: { build, test: { needs: ["biuld"], script: ["x"] } } }),
    );
    expect(result.diagnostics).toEqual([
      {
        code: "needs/unknown-job",
        path: "jobs.test.needs[0]",
        message: 'no job named "biuld"; did you mean "build"?',
        severity: "error",
      },
    ]);
  });

  it("an unknown optional need keeps its code as a warning", () => {
    const test = { needs: [{ job: "biuld", optional: true }], script: ["x"] };
    const [diagnostic] = validatePipeline(untypedDefinition({ jobs: { build, test } })).diagnostics;
    expect([diagnostic?.code, diagnostic?.severity]).toEqual(["needs/unknown-job", "warning"]);
  });

  it("names the semantic check that found each problem", () => {
    expect(
      codesOf({
        stages: ["build", "test"],
        jobs: {
          a: { stage: "tset", script: ["x"], needs: ["b"] },
          b: { stage: "build", script: ["x"], needs: ["a"], extends: ".base" },
          ".c": { extends: ".d" },
          ".d": { extends: ".c" },
        },
      }),
    ).toEqual([
      ["jobs.b.extends", "extends/unknown-base"],
      ['jobs[".c"].extends', "extends/cycle"],
      ["jobs.a.stage", "stages/undeclared"],
      ["jobs.a.needs[0]", "needs/cycle"],
    ]);
  });

  it("gives each kind of schema issue its own code", () => {
    expect(
      codesOf({
        varaibles: {},
        jobs: {
          test: { script: 3, when: "manually" },
          lint: { script: ["x"], retry: 7 },
        },
      }),
    ).toEqual([
      ["jobs.test.script", "schema/invalid-type"],
      ["jobs.test.when", "schema/invalid-value"],
      ["jobs.lint.retry", "schema/too-big"],
      ["varaibles", "schema/unknown-key"],
    ]);
  });

  it("reports a broken !reference as reference/not-found", () => {
    expect(codesOf({ jobs: { test: { script: [reference(".setpu", "script")] } } })).toContainEqual(
      ["jobs.test.script[0]", "reference/not-found"],
    );
  });
});
