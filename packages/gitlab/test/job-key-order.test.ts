import { describe, expect, it } from "vitest";
import { orderJobKeys } from "../src/job-key-order.js";

describe("orderJobKeys", () => {
  it("puts GitLab keywords in conventional order whatever order they were given in", () => {
    const job = {
      tags: ["docker"],
      script: ["npm test"],
      artifacts: { paths: ["dist/"] },
      needs: ["build"],
      stage: "test",
      before_script: ["npm ci"],
      rules: [{ if: "$CI" }],
      image: "node:22",
      extends: ".base",
      variables: { A: "1" },
    };
    expect(Object.keys(orderJobKeys(job))).toEqual([
      "stage",
      "extends",
      "image",
      "variables",
      "needs",
      "rules",
      "before_script",
      "script",
      "artifacts",
      "tags",
    ]);
  });

  it("puts keys it does not know after the known ones, alphabetically", () => {
    const job = { zeta: 1, script: ["x"], publish: "public", Alpha: 2, inputs: {}, stage: "s" };
    expect(Object.keys(orderJobKeys(job))).toEqual([
      "stage",
      "script",
      "Alpha",
      "inputs",
      "publish",
      "zeta",
    ]);
  });

  it("drops undefined entries and keeps values as they are", () => {
    const artifacts = { paths: ["a"] };
    const ordered = orderJobKeys({ script: ["x"], when: undefined, artifacts });
    expect(ordered).toEqual({ script: ["x"], artifacts });
    expect(ordered.artifacts).toBe(artifacts);
    expect("when" in ordered).toBe(false);
  });
});
