import type { Pipeline } from "@pipecraft/core";
import { yamlTag } from "@pipecraft/emit";
import { describe, expect, it } from "vitest";
import { toGitlabDocuments } from "../src/index.js";

describe("toGitlabDocuments", () => {
  it("writes top-level keywords in a fixed order, then the jobs in the order given", () => {
    const pipeline: Pipeline = {
      jobs: { deploy: { script: ["d"] }, ".base": { image: "alpine" }, build: { script: ["b"] } },
      after_script: ["cleanup"],
      default: { retry: 1, image: "node:22" },
      include: [{ local: "/ci/common.yml" }],
      variables: { A: "1" },
      stages: ["build", "deploy"],
      workflow: { rules: [{ when: "always" }] },
      image: "alpine",
    };
    const docs = toGitlabDocuments(pipeline);
    expect(docs).toHaveLength(1);
    expect(Object.keys(docs[0] as object)).toEqual([
      "stages",
      "variables",
      "workflow",
      "include",
      "default",
      "image",
      "after_script",
      "deploy",
      ".base",
      "build",
    ]);
    expect(Object.keys((docs[0] as { default: object }).default)).toEqual(["image", "retry"]);
  });

  it("puts spec in a header document", () => {
    const spec = { inputs: { env: { default: "staging" } } };
    const docs = toGitlabDocuments({ spec, jobs: { a: { script: ["echo $[[ inputs.env ]]"] } } });
    expect(docs).toEqual([{ spec }, { a: { script: ["echo $[[ inputs.env ]]"] } }]);
  });

  it("passes !reference values through", () => {
    const ref = yamlTag("!reference", [".setup", "script"]);
    const docs = toGitlabDocuments({ jobs: { a: { script: [ref, "npm test"] } } });
    expect(docs).toEqual([{ a: { script: [ref, "npm test"] } }]);
  });

  it("writes a hidden key holding a bare value (an imported YAML anchor) as it is", () => {
    const pipeline = { jobs: { ".helpers": "set -e\nhelper() { :; }\n" } } as unknown as Pipeline;
    expect(toGitlabDocuments(pipeline)).toEqual([{ ".helpers": "set -e\nhelper() { :; }\n" }]);
  });

  it("refuses a job named like a top-level keyword instead of overwriting it", () => {
    const pipeline = { stages: ["a"], jobs: { stages: { script: ["x"] } } } as Pipeline;
    expect(() => toGitlabDocuments(pipeline)).toThrow("jobs.stages");
  });
});
