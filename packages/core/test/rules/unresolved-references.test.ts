import { describe, expect, it } from "vitest";
import { reference } from "../../src/reference.js";
import { selectJobs } from "../../src/rules/select-jobs.js";
import type { Pipeline } from "../../src/schema/index.js";

// A model kept with `templates: "hidden"` still holds `!reference` values GitLab would resolve;
// the evaluator cannot, so it says so and assumes the condition does not hold.
describe("selectJobs on unresolved !reference values", () => {
  const predefined = { CI_PIPELINE_SOURCE: "push", CI_COMMIT_BRANCH: "main" };
  const ref = reference(".rules", "rules");

  it("reports each one where it is, and leaves the job (or pipeline) out", () => {
    const jobs = {
      a: { script: ["x"], rules: ref },
      b: { script: ["x"], rules: [{ changes: ref }] },
      c: { script: ["x"], rules: [{ exists: ref }] },
      d: { script: ["x"], only: ref },
    };
    const selection = selectJobs({ jobs } as unknown as Pipeline, { predefined, files: [] });
    expect(selection.jobs).toEqual([]);
    expect(selection.diagnostics.map((d) => [d.path, d.message, d.severity])).toEqual([
      ["jobs.a.rules", "unresolved !reference; the job is treated as not created", "error"],
      [
        "jobs.b.rules[0].changes",
        "unresolved !reference; rules:changes is treated as false",
        "error",
      ],
      [
        "jobs.c.rules[0].exists",
        "unresolved !reference; rules:exists is treated as false",
        "error",
      ],
      ["jobs.d.only", "unresolved !reference; the filter is treated as not matching", "error"],
    ]);
  });

  it("workflow:rules as a reference: no pipeline", () => {
    const pipeline = { workflow: { rules: ref }, jobs: { a: { script: ["x"] } } };
    const selection = selectJobs(pipeline as unknown as Pipeline, { predefined });
    expect(selection.runs).toBe(false);
    expect(selection.diagnostics.map((d) => [d.path, d.message])).toEqual([
      ["workflow.rules", "unresolved !reference; the pipeline is treated as not created"],
    ]);
  });
});
