import { describe, expect, it } from "vitest";
import type { Job } from "../../src/schema/index.js";
import { expandExtends } from "../../src/templates/expand-extends.js";

const expand = (jobs: Record<string, unknown>) => expandExtends(jobs as Record<string, Job>);

describe("expandExtends", () => {
  it("applies bases in order (later wins) with the job itself last, and drops extends", () => {
    const { jobs } = expand({
      ".a": { image: "a", variables: { A: "a", SHARED: "a" }, script: ["a"] },
      ".b": { image: "b", variables: { B: "b", SHARED: "b" } },
      job: { extends: [".a", ".b"], variables: { SHARED: "job" } },
    });
    expect(jobs.get("job")).toEqual({
      image: "b",
      variables: { A: "a", SHARED: "job", B: "b" },
      script: ["a"],
    });
  });

  it("resolves several levels, each base fully extended first", () => {
    const { jobs } = expand({
      job: { extends: ".middle", script: ["job"] },
      ".middle": { extends: ".root", stage: "build", variables: { LEVEL: "middle" } },
      ".root": { image: "root", variables: { LEVEL: "root", ROOT: "1" }, script: ["root"] },
    });
    expect(jobs.get("job")).toEqual({
      image: "root",
      variables: { LEVEL: "middle", ROOT: "1" },
      script: ["job"],
      stage: "build",
    });
    expect([...jobs.keys()]).toEqual(["job", ".middle", ".root"]);
  });

  it("follows GitLab's 'last extends wins' even against a closer base", () => {
    // From GitLab's own example: `d: extends [.b, .c]` with `.c: extends .a` gives script "a".
    const { jobs } = expand({
      ".a": { script: ["a"] },
      ".b": { script: ["b"] },
      ".c": { extends: ".a" },
      d: { extends: [".b", ".c"] },
    });
    expect(jobs.get("d")?.script).toEqual(["a"]);
  });

  it("lets a job drop an inherited keyword with null", () => {
    const { jobs } = expand({
      ".base": { variables: { A: "1" }, script: ["x"] },
      job: { extends: ".base", variables: null },
    });
    expect(jobs.get("job")).toEqual({ variables: null, script: ["x"] });
  });

  it("marks jobs with an unknown base or a cycle as incomplete, and still expands the rest", () => {
    const { jobs, incomplete } = expand({
      ".a": { extends: ".b", image: "a" },
      ".b": { extends: ".a", image: "b" },
      x: { extends: [".a", ".missing"], script: ["x"] },
      y: { extends: ".ok", script: ["y"] },
      ".ok": { image: "ok" },
    });
    expect([...incomplete].sort()).toEqual([".a", ".b", "x"]);
    expect(jobs.get("y")).toEqual({ image: "ok", script: ["y"] });
    expect(jobs.get("x")?.script).toEqual(["x"]);
  });
});
