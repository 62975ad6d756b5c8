// Whole-process cost of the `pipecraft` binary: median wall time of `pipecraft synth --stdout` on
// a small example, against `node -e ""` as the floor (Node's own start-up, which no CLI beats).
// Run: pnpm build && node bench/cli-process.bench.mjs [--runs N] [--example examples/<name>]
// The budget is a 600 ms median for synth; it is reported, never asserted.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(repoRoot, "packages/cli/bin/pipecraft.js");

/** Median and minimum wall time in milliseconds of `node <args>` in `cwd`, after warm-up runs. */
function wallMs(args, cwd, runs) {
  const times = [];
  for (let run = -2; run < runs; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
      throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
    }
    // The first runs fill the OS file cache and tsx's transform cache; they are not measured.
    if (run >= 0) {
      times.push(elapsed);
    }
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const median = times.length % 2 === 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
  // The minimum is shown too: on a shared machine it is the least disturbed run.
  return { median, min: times[0] };
}

/** Measures the floor and `pipecraft synth --stdout`; returns the median and minimum of each, in ms. */
export function benchCliProcess({ runs = 15, example = "examples/node-app" } = {}) {
  const cwd = join(repoRoot, example);
  if (!existsSync(join(repoRoot, "packages/cli/dist/main.js"))) {
    throw new Error("packages/cli/dist is missing: run `pnpm build` first");
  }
  const floor = wallMs(["-e", ""], cwd, runs);
  const synth = wallMs([bin, "synth", "--stdout"], cwd, runs);
  return { example, runs, floor, synth };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: "string" }, example: { type: "string" } },
  });
  const result = benchCliProcess({
    runs: values.runs === undefined ? undefined : Number(values.runs),
    example: values.example,
  });
  const fmt = ({ median, min }) =>
    `median ${median.toFixed(0).padStart(5)} ms   min ${min.toFixed(0).padStart(5)} ms`;
  console.log(`whole process, ${result.runs} runs, in ${result.example}:`);
  console.log(`  node -e ""                 ${fmt(result.floor)}   (floor)`);
  console.log(`  pipecraft synth --stdout   ${fmt(result.synth)}   (budget: median 600 ms)`);
}
