// `pipecraft run` on a terminal: the live table of the run's jobs (status, duration, N/M) is
// redrawn in place at the bottom, log lines scroll above it, and once the run has ended the
// table gives way to the summary. Off a terminal the run prints one line per change instead.
import type { LogStyle, RunEvent, RunPlan } from "@pipecraft/runtime";
import type { OutputStream } from "../cli-io.js";

type Runtime = typeof import("@pipecraft/runtime");

/** How often running durations are redrawn when nothing else happens. */
const TICK_MS = 1_000;

/** Move to the start of the line `n` lines up, then clear to the end of the screen. */
const eraseLines = (n: number) => (n === 0 ? "" : `\u001b[${n}F\u001b[J`);

/** A run's display on a terminal: `write` each event; `stop` ends the redraws. */
export function liveStatus(
  runtime: Runtime,
  out: OutputStream,
  plan: RunPlan,
  style: LogStyle,
  now: () => number = Date.now,
): { write(event: RunEvent): void; stop(): void } {
  let board = runtime.emptyBoard(plan);
  let drawn = 0;
  // A line wider than the terminal would wrap, and the table's height would be wrong.
  // (A pseudo-terminal without a size says 0 columns.)
  const columns = out.columns !== undefined && out.columns > 0 ? out.columns : 80;
  const width = Math.max(20, columns - 1);
  const frame = () => {
    const lines = runtime.boardLines(board, now()).map((line) => line.slice(0, width));
    const text = eraseLines(drawn) + lines.map((line) => `${line}\n`).join("");
    drawn = lines.length;
    return text;
  };
  const ticker = setInterval(() => {
    if (drawn > 0 && board.rows.some((row) => row.status === "running")) out.write(frame());
  }, TICK_MS);
  ticker.unref();
  return {
    write(event) {
      switch (event.type) {
        case "run":
        case "log": {
          const lines = runtime.textLines(event, plan.pipeline, style);
          const erase = eraseLines(drawn);
          drawn = 0;
          out.write(`${erase}${lines.map((line) => `${line}\n`).join("")}${frame()}`);
          return;
        }
        case "job":
          board = runtime.nextBoard(board, event);
          out.write(frame());
          return;
        case "summary": {
          clearInterval(ticker);
          const erase = eraseLines(drawn);
          drawn = 0;
          const lines = runtime.textLines(event, plan.pipeline, style);
          out.write(`${erase}${lines.map((line) => `${line}\n`).join("")}`);
          return;
        }
      }
    },
    stop() {
      clearInterval(ticker);
    },
  };
}
