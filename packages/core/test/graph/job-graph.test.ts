import { describe, expect, it } from "vitest";
import { jobGraph } from "../../src/graph/job-graph.js";
import { matrixJobCount, parallelJobNames } from "../../src/graph/parallel-job-names.js";
import type { Pipeline } from "../../src/schema/index.js";

const graphOf = (pipeline: unknown) => jobGraph(pipeline as Pipeline);

describe("jobGraph", () => {
  it("orders stage jobs after every job of earlier stages, needs jobs after their needs", () => {
    const graph = graphOf({
      stages: ["build", "test", "deploy"],
      jobs: {
        deploy: { stage: "deploy", script: ["x"] },
        unit: { stage: "test", script: ["x"] },
        compile: { stage: "build", script: ["x"] },
        quick: { stage: "test", needs: [], script: ["x"] },
        e2e: { stage: "test", needs: ["compile"], script: ["x"] },
        docs: { stage: "build", script: ["x"] },
      },
    });
    expect(graph.stages).toEqual([".pre", "build", "test", "deploy", ".post"]);
    // Ready at once: quick (needs: []) and, once .pre is done, compile and docs; ties go to the
    // job declared first.
    expect(graph.order).toEqual(["compile", "quick", "e2e", "docs", "unit", "deploy"]);
    expect(graph.edges).toEqual([{ from: "compile", to: "e2e", artifacts: true, optional: false }]);
    expect(graph.jobs.find((job) => job.name === "unit")).toEqual({
      name: "unit",
      stage: "test",
      stageIndex: 2,
      needs: undefined,
    });
  });

  it("applies templates first and leaves hidden jobs out", () => {
    const graph = graphOf({
      jobs: {
        ".late": { stage: "deploy" },
        ship: { extends: ".late", script: ["x"] },
        check: { script: ["x"], needs: [{ job: "build", artifacts: false }] },
        build: { stage: "build", script: ["x"] },
      },
    });
    expect(graph.jobs.map((job) => [job.name, job.stage])).toEqual([
      ["ship", "deploy"],
      ["check", "test"],
      ["build", "build"],
    ]);
    expect(graph.order).toEqual(["build", "check", "ship"]);
    expect(graph.edges).toEqual([
      { from: "build", to: "check", artifacts: false, optional: false },
    ]);
  });

  it("scales linearly: 10,000 jobs in two stages", () => {
    const jobs: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++)
      jobs[`j${i}`] = { stage: i < 5000 ? "build" : "test", script: ["x"] };
    const graph = graphOf({ jobs });
    expect(graph.order).toHaveLength(10_000);
    expect(graph.order[4999]).toBe("j4999");
  });
});

describe("parallelJobNames", () => {
  it("names parallel and matrix copies as GitLab does", () => {
    expect(parallelJobNames("test", 3)).toEqual(["test 1/3", "test 2/3", "test 3/3"]);
    expect(
      parallelJobNames("deploy", {
        matrix: [{ PROVIDER: "aws", STACK: ["app1", "app2"] }, { PROVIDER: ["gcp"] }],
      }),
    ).toEqual(["deploy: [aws, app1]", "deploy: [aws, app2]", "deploy: [gcp]"]);
    expect(parallelJobNames("plain", undefined)).toEqual(["plain"]);
  });

  it("counts matrix jobs as the sum over entries of the products", () => {
    expect(matrixJobCount([{ A: ["1", "2"], B: ["x", "y", "z"] }, { C: "c" }])).toBe(7);
  });
});
