// The line `pipecraft run` prints on stderr when the sources job of `--source git` failed: git's
// error and where its log is, or, when the API server refused its Pod, that reason alone.
import { describe, expect, it } from "vitest";
import { sourcesFailureLine } from "../src/commands/run-output.js";

const plan = {
  pipeline: "ci",
  runId: "r1",
  namespace: "ci",
  play: [],
  notRun: [],
  jobs: [
    {
      name: "sources",
      job: "sources",
      objectName: "ci-r1-sources",
      stage: ".pre",
      stageIndex: 0,
      when: "on_success" as const,
      allowFailure: false,
      role: "sources" as const,
    },
  ],
};

describe("sourcesFailureLine", () => {
  it("names git's error and the log", () => {
    expect(
      sourcesFailureLine(plan, [
        { job: "sources", status: "failed", reason: "could not fetch u at 1a2b3c4d: fatal: x" },
      ]),
    ).toBe(
      "pipecraft run: the sources job could not fetch u at 1a2b3c4d: fatal: x; pipecraft logs sources --run r1 prints its log\n",
    );
  });

  it("says a refused sources job could not start, without a log it never had", () => {
    expect(
      sourcesFailureLine(plan, [
        { job: "sources", status: "failed", reason: 'pods refused: violates PodSecurity "x"' },
      ]),
    ).toBe(
      'pipecraft run: the sources job could not start: pods refused: violates PodSecurity "x"\n',
    );
  });
});
