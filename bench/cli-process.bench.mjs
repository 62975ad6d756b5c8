// Whole-process cost of the `pipecraft` binary: `pipecraft synth --stdout` on a small example
// against `node -e ""` (Node's own start-up, which no CLI beats), as a ratio measured in the same
// run. The two commands alternate, so that a machine shared with other work slows both alike.
// Run: pnpm build && node bench/cli-process.bench.mjs [--runs N] [--example examples/<name>]
//      [--root <another built checkout>] (to compare with another build, e.g. main's worktree)
// The goal is a median ratio of at most 2.5; it is reported, never asserted.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * CPU time (user + system, ms) of this process's waited-for children so far, from Linux's
 * /proc/self/stat; undefined elsewhere. CPU time is steadier than wall time on a busy machine.
 */
function childrenCpuMs() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // Fields 16 and 17 of stat(5) (cutime, cstime), counted from field 3 after the name.
    const ticks = Number(fields[13]) + Number(fields[14]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** Wall time and children CPU time (ms) of one `<program> <args>` in `cwd`. */
function runOnce([program, ...args], cwd) {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(program, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${program} ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  const cpuAfter = childrenCpuMs();
  return { wall, cpu: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median and minimum of wall (and CPU) times, in ms. */
function summary(samples) {
  const walls = samples.map((sample) => sample.wall);
  const cpus = samples.map((sample) => sample.cpu);
  return {
    median: median(walls),
    min: Math.min(...walls),
    cpu: cpus.includes(undefined) ? undefined : median(cpus),
  };
}

/**
 * Measures the floor and the commands, alternating, after warm-up runs (they fill the OS file
 * cache and pipecraft's compile cache in node_modules/.cache). Returns each one's median and
 * minimum wall time, median CPU time, and the median of the per-round ratios to the floor.
 */
export function benchCliProcess({
  runs = 15,
  example = "examples/node-app",
  root = repoRoot,
} = {}) {
  const cwd = join(root, example);
  const bin = join(root, "packages/cli/bin/pipecraft.js");
  if (!existsSync(join(root, "packages/cli/dist/main.js"))) {
    throw new Error("packages/cli/dist is missing: run `pnpm build` first");
  }
  const node = process.execPath;
  const commands = {
    floor: [node, "-e", ""],
    synth: [node, bin, "synth", "--stdout"],
    help: [node, bin, "--help"],
    // As a user runs it from their project: npm's own start-up comes first.
    npx: ["npx", "--no-install", "pipecraft", "synth", "--stdout"],
  };
  const samples = { floor: [], synth: [], help: [], npx: [] };
  for (let run = -2; run < runs; run++) {
    for (const [name, args] of Object.entries(commands)) {
      const sample = runOnce(args, cwd);
      if (run >= 0) samples[name].push(sample);
    }
  }
  const ratio = (name) => median(samples[name].map((s, i) => s.wall / samples.floor[i].wall));
  const cpuRatio = (name) =>
    samples.floor[0].cpu === undefined
      ? undefined
      : median(samples[name].map((s, i) => s.cpu / Math.max(samples.floor[i].cpu, 1)));
  return {
    example,
    runs,
    floor: summary(samples.floor),
    synth: { ...summary(samples.synth), ratio: ratio("synth"), cpuRatio: cpuRatio("synth") },
    help: { ...summary(samples.help), ratio: ratio("help"), cpuRatio: cpuRatio("help") },
    npx: { ...summary(samples.npx), ratio: ratio("npx"), cpuRatio: cpuRatio("npx") },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: "string" }, example: { type: "string" }, root: { type: "string" } },
  });
  const result = benchCliProcess({
    runs: values.runs === undefined ? undefined : Number(values.runs),
    example: values.example,
    root: values.root === undefined ? undefined : resolve(values.root),
  });
  const ms = (value) => `${value.toFixed(0).padStart(5)} ms`;
  const fmt = ({ median, min, cpu, ratio, cpuRatio }) =>
    `median ${ms(median)}   min ${ms(min)}   cpu ${cpu === undefined ? "    –" : ms(cpu)}` +
    (ratio === undefined
      ? "   (floor)"
      : `   ${ratio.toFixed(2)}× floor (cpu ${cpuRatio?.toFixed(2) ?? "–"}×)`);
  console.log(
    `whole process, ${result.runs} rounds, in ${result.example} of ${values.root ?? "."}:`,
  );
  console.log(`  node -e ""                 ${fmt(result.floor)}`);
  console.log(`  pipecraft synth --stdout   ${fmt(result.synth)}   (goal: ≤ 2.5×)`);
  console.log(`  pipecraft --help           ${fmt(result.help)}`);
  console.log(`  npx pipecraft synth        ${fmt(result.npx)}`);
}
