// The terminal display of `pipecraft run`, fed a sequence of events: what the screen shows after
// each write, through a minimal terminal (newlines, "n lines up" and "clear to the end").

import type { RunEvent, RunPlan } from "@pipecraft/runtime";
import * as runtime from "@pipecraft/runtime";
import { describe, expect, it } from "vitest";
import { liveStatus } from "../src/commands/live-status.js";

const plan: RunPlan = {
  pipeline: "shop",
  runId: "r1",
  namespace: "ci",
  play: [],
  jobs: ["build", "test"].map((name, index) => ({
    name,
    job: name,
    objectName: `shop-r1-${name}`,
    stage: name,
    stageIndex: index,
    when: "on_success" as const,
    allowFailure: false,
  })),
  notRun: [],
};

const ESC = String.fromCharCode(27);
const TOKENS = new RegExp(`(${ESC}\\[\\d*[A-Za-z]|\n)`);
const LINES_UP = new RegExp(`^${ESC}\\[\\d*F$`);

/** The screen a terminal shows after `output`: only what the display uses is understood. */
function screen(output: string): string[] {
  const lines: string[] = [""];
  let row = 0;
  for (const token of output.split(TOKENS)) {
    if (token === "\n") {
      row++;
      if (lines.length <= row) lines.push("");
    } else if (LINES_UP.test(token)) {
      row = Math.max(0, row - Number(token.slice(2, -1) || 1));
    } else if (token === "\u001b[J") {
      lines.splice(row + 1);
      lines[row] = "";
    } else if (token !== "") {
      lines[row] = (lines[row] ?? "") + token;
    }
  }
  return lines;
}

const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describe("pipecraft run on a terminal", () => {
  it("redraws the table in place below the scrolling log lines, then gives way to the summary", () => {
    let output = "";
    let clock = T0;
    const display = liveStatus(
      runtime,
      {
        write: (text: string) => {
          output += text;
        },
        isTTY: true,
        columns: 100,
      },
      plan,
      runtime.logStyle(["build", "test"], false),
      () => clock,
    );
    const events: RunEvent[] = [
      {
        type: "run",
        time: at(0),
        runId: "r1",
        pipeline: "shop",
        namespace: "ci",
        record: "shop-run-r1",
        jobs: 2,
      },
      { type: "job", time: at(0), job: "build", stage: "build", status: "pending" },
      { type: "job", time: at(1), job: "build", stage: "build", status: "running" },
      { type: "log", time: at(2), job: "build", line: "compiling" },
    ];
    const screens: string[][] = [];
    for (const event of events) {
      clock = Date.parse(event.time);
      display.write(event);
      screens.push(screen(output));
    }
    expect(screens.at(-1)).toEqual([
      "[shop] run r1 in namespace ci: 2 jobs (record configmap/shop-run-r1)",
      "build | compiling",
      "[shop] run r1: 0/2 jobs finished",
      "JOB    STAGE  STATUS   DURATION",
      "build  build  running  2s",
      "test   test   created  -",
      "",
    ]);
    // State changes never scroll: the screen keeps its height until a log line comes.
    expect(screens.slice(0, 3).map((lines) => lines.length)).toEqual([6, 6, 6]);
    display.write({ type: "job", time: at(3), job: "build", stage: "build", status: "success" });
    display.write({
      type: "summary",
      time: at(4),
      runId: "r1",
      status: "success",
      jobs: [{ job: "build", stage: "build", status: "success", durationSeconds: 2, exitCode: 0 }],
    });
    display.stop();
    expect(screen(output)).toEqual([
      "[shop] run r1 in namespace ci: 2 jobs (record configmap/shop-run-r1)",
      "build | compiling",
      "",
      "JOB    STAGE  STATUS   DURATION  EXIT",
      "build  build  success  2s        0",
      "",
      "pipeline success (run r1)",
      "",
    ]);
  });
});
