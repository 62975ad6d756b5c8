import type { Pipeline } from "@pipecraft/core";
import { yamlTag } from "@pipecraft/emit";
import { describe, expect, it } from "vitest";
import { parseGitlabYaml, synthGitlab } from "../src/index.js";

const ref = (...keys: string[]) => yamlTag("!reference", keys);

// Hand-written pipelines covering the parts of the model a round trip could lose: the spec
// document, every top-level keyword, !reference in several places, hidden jobs, awkward
// strings, multi-line scripts with every chomping, numbers and booleans.
const PIPELINES: Record<string, Pipeline> = {
  minimal: { jobs: { test: { script: ["npm test"] } } },
  "every top-level keyword": {
    spec: { inputs: { stage: { default: "test" }, retries: { type: "number", default: 2 } } },
    stages: ["build", "test"],
    variables: { ON: "on", EMPTY: "", VERSION: "1.2.3", QUOTE: 'it\'s "x"' },
    workflow: { rules: [{ if: "$CI_PIPELINE_SOURCE == 'push'" }] },
    include: [{ local: "/ci/a.yml" }, { template: "Jobs/SAST.gitlab-ci.yml" }],
    default: { image: { name: "alpine", entrypoint: [""] }, interruptible: true },
    image: "alpine:3",
    services: ["docker:dind"],
    cache: { key: "$CI_COMMIT_REF_SLUG", paths: [".npm/"] },
    before_script: ["echo before"],
    after_script: ["echo after"],
    jobs: { ".hidden": { script: ["x"] }, build: { stage: "build", script: ["make"] } },
  },
  "references and scripts": {
    jobs: {
      ".setup": { script: ["npm ci"], variables: { A: "1" } },
      test: {
        variables: ref(".setup", "variables"),
        script: [ref(".setup", "script"), "a\nb", "c\n", "d\n\n", "  indented\nx", "#!/bin/sh"],
        allow_failure: { exit_codes: [1, 137] },
        parallel: 3,
        retry: { max: 2, when: ["runner_system_failure"] },
        coverage: "/Total: \\d+%/",
        timeout: "1h 30m",
      },
    },
  },
};

describe("parseGitlabYaml(synthGitlab(p)) gives p back", () => {
  it.each(Object.entries(PIPELINES))("%s", (_, pipeline) => {
    expect(parseGitlabYaml(synthGitlab(pipeline).output ?? "")).toEqual(pipeline);
  });
});

describe("parseGitlabYaml reads GitLab's YAML", () => {
  it("follows YAML 1.1 booleans as GitLab's Ruby reader does, and merge keys", () => {
    const text = [
      ".defaults: &defaults",
      "  interruptible: yes",
      "  allow_failure: Off",
      "job:",
      "  <<: *defaults",
      "  script: [echo]",
      "  variables: { Y: y, N: n, DATE: 2024-01-01 }",
    ].join("\n");
    expect(parseGitlabYaml(text)).toEqual({
      jobs: {
        ".defaults": { interruptible: true, allow_failure: false },
        job: {
          interruptible: true,
          allow_failure: false,
          script: ["echo"],
          variables: { Y: "y", N: "n", DATE: "2024-01-01" },
        },
      },
    });
  });

  it("reads !reference tags and a spec header", () => {
    const text = "spec:\n  inputs:\n    a:\n---\nb:\n  script:\n    - !reference [.c, script]\n";
    expect(parseGitlabYaml(text)).toEqual({
      spec: { inputs: { a: null } },
      jobs: { b: { script: [ref(".c", "script")] } },
    });
  });

  it("reads an empty file as a pipeline without jobs", () => {
    expect(parseGitlabYaml("# nothing\n")).toEqual({ jobs: {} });
  });

  it.each([
    ["a: 1\n---\nb: 1\n", "may only hold `spec`"],
    ["spec: {}\n---\na: 1\n---\nb: 1\n", "3 documents"],
    ["- a\n", "not a mapping"],
    ["a: [\n", "parseGitlabYaml: Flow sequence"],
  ])("rejects %j", (text, message) => {
    expect(() => parseGitlabYaml(text)).toThrow(message);
  });
});

describe("spec is a header only in a file of two documents", () => {
  it("reads `spec` in a single document as a job, as GitLab's loader does", () => {
    const pipeline = parseGitlabYaml("spec:\n  script: [echo spec]\n");
    expect(pipeline.spec).toBeUndefined();
    expect(pipeline.jobs).toEqual({ spec: { script: ["echo spec"] } });
    expect(parseGitlabYaml(synthGitlab(pipeline).output ?? "")).toEqual(pipeline);
  });

  it("reads it as the header of two documents", () => {
    const pipeline = parseGitlabYaml("spec:\n  inputs:\n    a: {}\n---\njob:\n  script: [x]\n");
    expect(pipeline.spec).toEqual({ inputs: { a: {} } });
  });
});
