// The model: which boxes and arrows a pipeline becomes, before any format.
import { describe, expect, it } from "vitest";
import { collapseGroups, collapseStages } from "../src/collapse.js";
import { graphModel } from "../src/graph-model.js";
import { markedPipeline, validated } from "./graph-helpers.js";

const pipeline = validated(markedPipeline);
const label = (model: ReturnType<typeof graphModel>, id: string) =>
  model.nodes.find((node) => node.id === id)?.label;

describe("graphModel", () => {
  it("has a box per job, matrix and parallel instances named as GitLab names them", () => {
    const model = graphModel(pipeline, "stages");
    expect(model.nodes.map((node) => node.label)).toEqual([
      "build",
      "lint",
      "test: [20, pg]",
      "test: [20, mysql]",
      "test: [22, pg]",
      "test: [22, mysql]",
      "e2e 1/3",
      "e2e 2/3",
      "e2e 3/3",
      "deploy",
      "later",
      "child",
      "notify",
      "cleanup",
    ]);
    expect(model.stages).toEqual(["build", "test", "deploy", "report"]);
    expect(model.nodes.filter((node) => node.group === "test")).toHaveLength(4);
    expect(model.nodes.filter((node) => node.group === "e2e")).toHaveLength(3);
  });

  it("marks when, allow_failure (manual jobs allow failure by default) and trigger jobs", () => {
    const byLabel = new Map(graphModel(pipeline, "stages").nodes.map((node) => [node.label, node]));
    expect(byLabel.get("deploy")).toMatchObject({ when: "manual", allowFailure: true });
    expect(byLabel.get("later")).toMatchObject({ when: "delayed", allowFailure: false });
    expect(byLabel.get("notify")?.when).toBe("on_failure");
    expect(byLabel.get("cleanup")?.when).toBe("always");
    expect(byLabel.get("lint")).toMatchObject({ when: "on_success", allowFailure: true });
    expect(byLabel.get("child")?.trigger).toBe(true);
    expect(byLabel.get("build")?.trigger).toBe(false);
  });

  it("the stages view has the needs edges only, from every instance to every instance", () => {
    const model = graphModel(pipeline, "stages");
    expect(model.edges.every((edge) => edge.kind === "needs")).toBe(true);
    // build → 4 test + 3 e2e; 4 test + 3 e2e → deploy.
    expect(model.edges).toHaveLength(14);
    const intoDeploy = model.edges.filter((edge) => label(model, edge.to) === "deploy");
    expect(intoDeploy.map((edge) => label(model, edge.from))).toEqual([
      "test: [20, pg]",
      "test: [20, mysql]",
      "test: [22, pg]",
      "test: [22, mysql]",
      "e2e 1/3",
      "e2e 2/3",
      "e2e 3/3",
    ]);
  });

  it("the needs view adds stage-implied edges from the previous stage with jobs", () => {
    const model = graphModel(pipeline, "needs");
    const implied = model.edges.filter((edge) => edge.kind === "stage");
    // later and child wait for the 7 test instances; notify and cleanup for the 3 deploy jobs.
    expect(implied).toHaveLength(20);
    expect(
      implied.filter((edge) => label(model, edge.to) === "notify").map((e) => label(model, e.from)),
    ).toEqual(["deploy", "later", "child"]);
    // Jobs of the first stage and jobs with needs get none.
    for (const name of ["build", "lint", "deploy", "test: [20, pg]"]) {
      expect(implied.some((edge) => label(model, edge.to) === name)).toBe(false);
    }
  });

  it("collapsing groups draws a matrix as one box, edges merged", () => {
    const model = collapseGroups(graphModel(pipeline, "stages"));
    expect(model.nodes.map((node) => node.label)).toContain("test ×4");
    expect(model.nodes.map((node) => node.label)).toContain("e2e ×3");
    expect(model.nodes).toHaveLength(9);
    // build → test, build → e2e, test → deploy, e2e → deploy.
    expect(model.edges).toHaveLength(4);
  });

  it("collapsing stages draws each stage as one box", () => {
    const model = collapseStages(collapseGroups(graphModel(pipeline, "needs")));
    expect(model.nodes.map((node) => node.label)).toEqual([
      "build (2 jobs)",
      "test (7 jobs)",
      "deploy (3 jobs)",
      "report (2 jobs)",
    ]);
    expect(
      model.edges.map((edge) => `${label(model, edge.from)} → ${label(model, edge.to)}`),
    ).toEqual([
      "build (2 jobs) → test (7 jobs)",
      "test (7 jobs) → deploy (3 jobs)",
      "deploy (3 jobs) → report (2 jobs)",
    ]);
  });

  it("applies templates first: extends and hidden jobs are not drawn", () => {
    const model = graphModel(
      validated({
        stages: ["test"],
        jobs: {
          ".base": { stage: "test", when: "manual" },
          unit: { extends: ".base", script: ["t"] },
        },
      }),
      "stages",
    );
    expect(model.nodes.map((node) => [node.label, node.when])).toEqual([["unit", "manual"]]);
  });
});
