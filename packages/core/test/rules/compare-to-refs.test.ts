import { describe, expect, it } from "vitest";
import { compareToRefs } from "../../src/rules/compare-to-refs.js";
import type { Pipeline } from "../../src/schema/index.js";

describe("compareToRefs", () => {
  it("lists each compare_to of jobs, templates and workflow once, expanded", () => {
    const pipeline = {
      variables: { BASE: "base" },
      workflow: { rules: [{ changes: { paths: ["a"], compare_to: "release" } }] },
      jobs: {
        ".template": {
          rules: [{ changes: { paths: ["b"], compare_to: "refs/heads/$CI_DEFAULT_BRANCH" } }],
        },
        build: {
          variables: { OWN: "develop" },
          rules: [
            { changes: { paths: ["c"], compare_to: "$OWN" } },
            { changes: { paths: ["d"], compare_to: "$BASE" } },
            { changes: ["e"] },
            { if: "$X" },
          ],
          script: ["make"],
        },
      },
    } as unknown as Pipeline;
    expect(compareToRefs(pipeline, { predefined: { CI_DEFAULT_BRANCH: "main" } })).toEqual([
      "release",
      "refs/heads/main",
      "develop",
      "base",
    ]);
    // The run's variables are over the pipeline's.
    expect(
      compareToRefs(pipeline, {
        predefined: { CI_DEFAULT_BRANCH: "main" },
        variables: { OWN: "trunk" },
      }),
    ).toContain("trunk");
  });

  it("is empty without compare_to", () => {
    expect(compareToRefs({ jobs: { a: { script: ["x"] } } } as unknown as Pipeline)).toEqual([]);
  });
});
