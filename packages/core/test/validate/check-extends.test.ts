import { describe, expect, it } from "vitest";
import { diagnosticsOf } from "./untyped-definition.js";

describe("extends", () => {
  it("reports an unknown base with a suggestion", () => {
    const jobs = {
      ".template": { script: ["x"] },
      a: { extends: ".tempalte" },
      b: { extends: [".template", ".nope"] },
    };
    expect(diagnosticsOf({ jobs })).toEqual([
      [
        "jobs.a.extends",
        'no job or template named ".tempalte" to extend; did you mean ".template"?',
        "error",
      ],
      ["jobs.b.extends[1]", 'no job or template named ".nope" to extend', "error"],
    ]);
  });

  it("prints a cycle as a chain (and does not also report the missing script)", () => {
    const jobs = { ".a": { extends: ".b" }, ".b": { extends: ".a" }, job: { extends: ".a" } };
    expect(diagnosticsOf({ jobs })).toEqual([
      ['jobs[".a"].extends', "extends cycle: .a → .b → .a", "error"],
    ]);
  });

  it("reports a job that extends itself", () => {
    expect(diagnosticsOf({ jobs: { job: { extends: "job", script: ["x"] } } })).toEqual([
      ["jobs.job.extends", "extends cycle: job → job", "error"],
    ]);
  });

  it("allows 11 levels and rejects 12, as GitLab does", () => {
    const chain = (levels: number) => {
      const jobs: Record<string, unknown> = { ".t0": { script: ["x"] } };
      for (let i = 1; i < levels; i++) jobs[`.t${i}`] = { extends: `.t${i - 1}` };
      jobs.job = { extends: `.t${levels - 1}` };
      return jobs;
    };
    expect(diagnosticsOf({ jobs: chain(11) })).toEqual([]);
    expect(diagnosticsOf({ jobs: chain(12) })).toEqual([
      [
        "jobs.job.extends",
        "extends nesting too deep: job → .t11 → .t10 → .t9 → .t8 → .t7 → .t6 → .t5 → .t4 → .t3 → .t2 → .t1 → .t0 is 12 levels; GitLab allows at most 11",
        "error",
      ],
    ]);
  });

  it("reports a too-deep chain once, where it first becomes too deep", () => {
    const jobs: Record<string, unknown> = { ".t0": { script: ["x"] } };
    for (let i = 1; i <= 12; i++) jobs[`.t${i}`] = { extends: `.t${i - 1}` };
    jobs.a = { extends: ".t12" };
    jobs.b = { extends: ".t12" };
    expect(diagnosticsOf({ jobs }).map(([path]) => path)).toEqual(['jobs[".t12"].extends']);
  });
});
