import { describe, expect, it } from "vitest";
import { textLines } from "../src/report/text-report.js";

const time = "2026-01-01T00:00:00.000Z";

describe("textLines: the summary", () => {
  it("ends with the pipeline's status", () => {
    const lines = textLines(
      { type: "summary", time, runId: "r1", status: "success", jobs: [] },
      "shop",
    );
    expect(lines.at(-1)).toBe("pipeline success (run r1)");
  });

  it("adds why a run failed before any job started", () => {
    const lines = textLines(
      {
        type: "summary",
        time,
        runId: "r1",
        status: "failed",
        jobs: [{ job: "build", stage: "build", status: "skipped", reason: "not started" }],
        reason: "the sources could not be uploaded into the workspace (exec refused)",
      },
      "shop",
    );
    expect(lines.at(-1)).toBe(
      "pipeline failed (run r1): the sources could not be uploaded into the workspace (exec refused)",
    );
  });
});
