import { yamlTag } from "@pipecraft/emit";
import { describe, expect, it } from "vitest";
import { reference } from "../../src/reference.js";
import type { Job, Pipeline } from "../../src/schema/index.js";
import { expandTemplates } from "../../src/templates/expand-templates.js";

const expand = (pipeline: Record<string, unknown>) =>
  expandTemplates(pipeline as unknown as Pipeline);
const jobOf = (pipeline: Record<string, unknown>, name: string): Job | undefined =>
  expand(pipeline).jobs.get(name);

describe("!reference resolution", () => {
  it("splices a referenced list into a script (one level) and keeps the rest in place", () => {
    const pipeline = {
      jobs: {
        ".setup": { script: ["npm ci", "npm run build"] },
        test: { script: ["echo start", reference(".setup", "script"), "npm test"] },
      },
    };
    expect(jobOf(pipeline, "test")?.script).toEqual([
      "echo start",
      "npm ci",
      "npm run build",
      "npm test",
    ]);
  });

  it("resolves references inside referenced values, flattening all the way", () => {
    const pipeline = {
      jobs: {
        ".a": { script: ["a1", ["a2", "a3"]] },
        ".b": { script: [reference(".a", "script"), "b"] },
        c: { before_script: [reference(".b", "script")], script: reference(".b", "script") },
      },
    };
    const c = jobOf(pipeline, "c");
    expect(c?.before_script).toEqual(["a1", "a2", "a3", "b"]);
    expect(c?.script).toEqual(["a1", "a2", "a3", "b"]);
  });

  it("splices referenced rules, and replaces a whole value", () => {
    const pipeline = {
      variables: { SHARED: "1" },
      jobs: {
        ".rules": { rules: [{ if: "$A" }, { when: "never" }] },
        job: {
          rules: [reference(".rules", "rules"), { when: "always" }],
          variables: yamlTag("!reference", ["variables"]),
          script: ["x"],
        },
      },
    };
    const job = jobOf(pipeline, "job");
    expect(job?.rules).toEqual([{ if: "$A" }, { when: "never" }, { when: "always" }]);
    expect(job?.variables).toEqual({ SHARED: "1" });
  });

  it("digs into maps, and sees what extends added (GitLab resolves after extends)", () => {
    const pipeline = {
      jobs: {
        ".vars": { variables: { NESTED: "x" } },
        ".child": { extends: ".vars" },
        job: { variables: { A: reference(".child", "variables", "NESTED") }, script: ["x"] },
      },
    };
    expect(jobOf(pipeline, "job")?.variables).toEqual({ A: "x" });
  });

  it("keeps a list referenced outside scripts and rules as one value", () => {
    const pipeline = {
      jobs: { ".t": { tags: ["a", "b"] }, job: { tags: [reference(".t", "tags")], script: ["x"] } },
    };
    expect(jobOf(pipeline, "job")?.tags).toEqual([["a", "b"]]);
  });

  it("reports a missing job or key where the reference is written, once", () => {
    const ref = reference(".setpu", "script");
    const pipeline = {
      jobs: {
        ".setup": { script: ["x"] },
        ".base": { before_script: [ref] },
        a: { extends: ".base", script: [reference(".setup", "scirpt")] },
        b: { extends: ".base", script: ["x"] },
      },
    };
    expect(expand(pipeline).diagnostics).toEqual([
      {
        code: "reference/not-found",
        path: 'jobs[".base"].before_script[0]',
        message:
          '!reference [".setpu", "script"] could not be found: no job named ".setpu"; did you mean ".setup"?',
        severity: "error",
      },
      {
        code: "reference/not-found",
        path: "jobs.a.script[0]",
        message:
          '!reference [".setup", "scirpt"] could not be found: ".setup" has no key "scirpt"; did you mean "script"?',
        severity: "error",
      },
    ]);
  });

  it("reports a circular chain", () => {
    const pipeline = {
      jobs: {
        a: { script: [reference("b", "script")] },
        b: { script: [reference("a", "script")] },
      },
    };
    expect(expand(pipeline).diagnostics.map((d) => [d.path, d.message])).toEqual([
      // Found while resolving `a`: the tag written at a.script[0] closes the chain.
      [
        "jobs.a.script[0]",
        'circular !reference: ["b", "script"] → ["a", "script"] → ["b", "script"]',
      ],
    ]);
  });

  it("rejects a malformed reference", () => {
    const pipeline = { jobs: { a: { script: [yamlTag("!reference", [])] } } };
    expect(expand(pipeline).diagnostics.map((d) => [d.path, d.message])).toEqual([
      ["jobs.a.script[0]", "!reference [] is not valid; write reference(job, key, ...)"],
    ]);
  });

  it("leaves other tags and values without references untouched (shared, not copied)", () => {
    const other = yamlTag("!secret", "x");
    const variables = { A: other };
    const job = jobOf({ jobs: { job: { script: ["x"], variables } } }, "job");
    expect(job?.variables).toBe(variables);
  });
});
