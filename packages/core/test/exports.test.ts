// Pins the names `@pipecraft/core` exports at run time. Adding or removing one is a change to this list,
// reviewed as such, never a side effect of an edit elsewhere. (TypeScript types leave no runtime
// trace; they are listed in the entry file itself.)
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@pipecraft/core", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(api).sort()).toEqual([
      "DIAGNOSTIC_CODES",
      "RULES_GLOB",
      "checkPrototypeKeys",
      "compareToRefs",
      "describeFoundValue",
      "didYouMean",
      "errorDiagnostic",
      "escapeControlCharacters",
      "evaluateExpression",
      "extend",
      "formatDiagnostic",
      "formatPath",
      "globRegExp",
      "hasErrors",
      "included",
      "interpolateInputs",
      "isHiddenJob",
      "isPipelineDefinition",
      "isPresent",
      "issueDiagnostics",
      "issueMessage",
      "jobGraph",
      "jobVariables",
      "jobWithDefaults",
      "kanikoBuildSchema",
      "kubernetesNameSchema",
      "matrixCombinations",
      "merge",
      "mergeSecurityContexts",
      "narrowIssues",
      "normalizePipeline",
      "parallelJobNames",
      "parseDuration",
      "parseExpression",
      "parsePath",
      "pipeline",
      "reference",
      "resolveInputValues",
      "selectJobs",
      "topLevelKeywords",
      "validatePipeline",
      "warningDiagnostic",
    ]);
  });
});
