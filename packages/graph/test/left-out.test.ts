// `--var`: the jobs that `rules` leave out for the given variables are drawn greyed, in every
// format; the created ones carry the `when` their matching rule gives them.
import { selectJobs } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { collapseGroups } from "../src/collapse.js";
import { graphModel } from "../src/graph-model.js";
import { synthGraph } from "../src/graph-target.js";
import { validated } from "./graph-helpers.js";

const pipeline = validated({
  stages: ["build", "deploy"],
  jobs: {
    build: { stage: "build", script: ["make"] },
    docs: {
      stage: "build",
      script: ["docs"],
      rules: [{ if: '$CI_COMMIT_BRANCH == "main"' }],
    },
    test: {
      stage: "build",
      script: ["t"],
      parallel: { matrix: [{ OS: ["linux", "mac"] }] },
      rules: [{ if: '$OS == "mac"', when: "never" }, { when: "on_success" }],
    },
    deploy: {
      stage: "deploy",
      script: ["deploy"],
      needs: ["build"],
      rules: [{ if: '$TARGET == "prod"', when: "manual" }],
    },
  },
});

const select = (variables: Record<string, string>) =>
  selectJobs(pipeline, {
    predefined: { CI_PIPELINE_SOURCE: "push", CI_COMMIT_BRANCH: "feature" },
    variables,
  });

const leftOut = (selection?: ReturnType<typeof select>) =>
  graphModel(pipeline, "stages", selection)
    .nodes.filter((node) => node.leftOut)
    .map((node) => node.label);

describe("jobs that rules leave out", () => {
  it("without a selection, no job is left out", () => {
    expect(leftOut()).toEqual([]);
  });

  it("with one, exactly the jobs (and matrix instances) not created are", () => {
    expect(leftOut(select({}))).toEqual(["docs", "test: [mac]", "deploy"]);
    expect(leftOut(select({ TARGET: "prod", CI_COMMIT_BRANCH: "main" }))).toEqual(["test: [mac]"]);
  });

  it("a created job is marked as its rule makes it run", () => {
    const deploy = graphModel(pipeline, "stages", select({ TARGET: "prod" })).nodes.find(
      (node) => node.label === "deploy",
    );
    // GitLab: a manual job from `rules` may not fail, unlike a job-level `when: manual`.
    expect(deploy).toMatchObject({ when: "manual", allowFailure: false, leftOut: false });
  });

  it("a pipeline that workflow:rules stop leaves every job out", () => {
    const stopped = validated({
      workflow: { rules: [{ if: '$CI_COMMIT_BRANCH == "main"' }] },
      jobs: { a: { script: ["a"] } },
    });
    const selection = selectJobs(stopped, { predefined: { CI_COMMIT_BRANCH: "x" } });
    expect(graphModel(stopped, "needs", selection).nodes.map((n) => n.leftOut)).toEqual([true]);
  });

  it("a collapsed group is greyed only when every member is", () => {
    const labels = (variables: Record<string, string>) =>
      collapseGroups(graphModel(pipeline, "stages", select(variables)))
        .nodes.filter((node) => node.leftOut)
        .map((node) => node.label);
    expect(labels({})).toEqual(["docs", "deploy"]);
  });

  const options = { view: "stages", selection: select({}) } as const;
  it("html and svg: a left-out class and a greyed style", () => {
    for (const format of ["html", "svg"] as const) {
      const text = synthGraph(pipeline, { ...options, format }).output ?? "";
      expect(text.match(/<g class="job[^"]*left-out/g)).toHaveLength(3);
      expect(text).toContain(".job.left-out rect{fill:#eeeeee");
      expect(text).toContain("<title>docs (left out by rules)</title>");
      // Without --var, nothing is greyed.
      expect(synthGraph(pipeline, { format }).output).not.toMatch(/class="job[^"]*left-out/);
    }
  });

  it("mermaid: a left_out class and the words in the label", () => {
    const text = synthGraph(pipeline, { ...options, format: "mermaid" }).output ?? "";
    expect(text).toContain("  classDef left_out fill:#eee,stroke:#aaa,color:#999\n");
    expect(text).toMatch(/ {2}class n1,n3,n4 left_out\n/);
    expect(text).toContain('n1["docs #40;left out by rules#41;"]');
  });

  it("dot: grey fill, outline and text", () => {
    const text = synthGraph(pipeline, { ...options, format: "dot" }).output ?? "";
    expect(text).toContain(
      'n1 [label="docs\\nleft out by rules", fillcolor="#eeeeee", color="#aaaaaa", fontcolor="#999999"];',
    );
    expect(text.match(/fontcolor="#999999"/g)).toHaveLength(3);
  });
});
