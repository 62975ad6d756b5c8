// `pipecraft runs`, `logs`, `cancel` and `delete` without a cluster: their usage errors, and a
// log read from the file a run wrote. Against the cluster: test/cluster/runtime-runs-commands.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDuration } from "../src/commands/run-table.js";
import { splitPositionals } from "../src/parse-options.js";
import { makeProject, removeProject, run, validPipeline } from "./project.js";

let project: string;
beforeAll(async () => {
  project = await makeProject({ "pipeline.ts": validPipeline });
});
afterAll(async () => {
  await removeProject(project);
});

describe("usage errors of the run commands", () => {
  it.each([
    [["cancel"], "cancel", "name the run to cancel: pipecraft cancel RUN (see pipecraft runs)"],
    [["cancel", "a", "b"], "cancel", 'unexpected argument "b"'],
    [
      ["delete"],
      "delete",
      "say which runs to delete: pipecraft delete RUN…, --finished, or --older-than 7d",
    ],
    [
      ["delete", "--older-than", "7x"],
      "delete",
      "--older-than 7x: expected a number and a unit, such as 7d, 12h, 30m or 90s",
    ],
    [["delete", "r1", "--finished"], "delete", "give run ids or --finished/--older-than, not both"],
    [["logs"], "logs", "name the job: pipecraft logs JOB [--run ID]"],
    [
      ["logs", "build"],
      "logs",
      "no run in .pipecraft/runs here: give the run with --run ID (see pipecraft runs)",
    ],
    [["runs", "--output", "yaml"], "runs", '--output must be text or json, not "yaml"'],
    [["runs", "--namespace", "Bad_NS"], "runs", "--namespace Bad_NS is not a namespace name"],
  ])("pipecraft %j", async (args, command, message) => {
    const r = await run(args, project, { KUBECONFIG: join(project, "no-kubeconfig") });
    expect(r.stderr).toBe(
      `pipecraft ${command}: ${message}\nRun "pipecraft ${command} --help" for usage.\n`,
    );
    expect(r.code).toBe(2);
  });

  it("an unreadable kubeconfig is one line and exit 1", async () => {
    const r = await run(["runs", "--kubeconfig", "missing.yaml"], project);
    expect(r.stderr).toMatch(/^pipecraft runs: cannot read the kubeconfig .*missing\.yaml: .+\n$/);
    expect(r.code).toBe(1);
  });
});

describe("pipecraft logs from the files a run wrote", () => {
  it("prints .pipecraft/runs/<latest run>/<job>.log, or the one --run names", async () => {
    for (const [runId, text] of [
      ["mi1aaaa", "old build\n"],
      ["mi2bbbb", "new build\n"],
    ] as const) {
      await mkdir(join(project, ".pipecraft", "runs", runId), { recursive: true });
      await writeFile(join(project, ".pipecraft", "runs", runId, "build.log"), text);
    }
    const latest = await run(["logs", "build"], project);
    expect(latest.stdout).toBe("new build\n");
    expect(latest.code).toBe(0);
    const named = await run(["logs", "build", "--run", "mi1aaaa"], project);
    expect(named.stdout).toBe("old build\n");
  });
});

describe("the run commands' helpers", () => {
  it("splits positionals from options and their values", () => {
    const spec = {
      namespace: { type: "string" },
      follow: { type: "boolean", short: "f" },
    } as const;
    expect(splitPositionals(["job", "--namespace", "ci", "-f", "--", "--odd"], spec)).toEqual({
      positionals: ["job", "--odd"],
      options: ["--namespace", "ci", "-f"],
    });
    expect(splitPositionals(["--namespace=ci", "job"], spec)).toEqual({
      positionals: ["job"],
      options: ["--namespace=ci"],
    });
  });

  it("formats durations", () => {
    expect([formatDuration(42_000), formatDuration(185_000), formatDuration(7_440_000)]).toEqual([
      "42s",
      "3m05s",
      "2h04m",
    ]);
  });
});
