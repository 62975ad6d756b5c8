// Pins the names `@pipecraft/runtime` exports at run time. Adding or removing one is a change to
// this list, reviewed as such. (Types leave no runtime trace; they are listed in the entry file.)
import { describe, expect, it } from "vitest";
import * as applyApi from "../src/apply.js";
import * as api from "../src/index.js";

describe("@pipecraft/runtime", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(api).sort()).toEqual([
      "ClusterError",
      "DEFAULT_GIT_DEPTH",
      "DEFAULT_GIT_IMAGE",
      "DEFAULT_HELPER_IMAGE",
      "DEFAULT_RATE_LIMIT",
      "FIELD_MANAGER",
      "RUN_ROLE_NAME",
      "RUN_RULES",
      "SOURCES_JOB",
      "applyObjects",
      "applySetId",
      "attachPipeline",
      "boardLines",
      "cancelRun",
      "deleteRun",
      "emptyBoard",
      "findRun",
      "initialStates",
      "listRuns",
      "loadKubeConfig",
      "logFileName",
      "logStyle",
      "manifestObjects",
      "newRunId",
      "nextBoard",
      "pipelineStatus",
      "planRun",
      "rateLimitProblem",
      "runEnded",
      "runEventSchema",
      "runIdProblem",
      "runObjectName",
      "runPipeline",
      "runRecordName",
      "runRole",
      "runRoleBinding",
      "runSourcesSchema",
      "schedule",
      "textLines",
      "textTable",
      "withRateLimit",
      "withoutCredentials",
      "writeJobLog",
    ]);
  });
});

describe("@pipecraft/runtime/apply", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(applyApi).sort()).toEqual([
      "ClusterError",
      "DEFAULT_RATE_LIMIT",
      "FIELD_MANAGER",
      "applyObjects",
      "loadKubeConfig",
      "manifestObjects",
      "rateLimitProblem",
    ]);
  });
});
