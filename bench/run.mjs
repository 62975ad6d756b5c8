// Every benchmark, one after another in this process, printed as markdown for the README.
// `pnpm bench` builds first: the cases measure the compiled packages, as users run them.
// Add a case by adding an entry to CASES; each returns { title, markdown }.
// Options: --only emit,kubernetes,memory  --sizes 1000,10000
import { parseArgs } from "node:util";
import { benchCliProcess } from "./cli-process.bench.mjs";
import { formatMs } from "./lib/format.mjs";
import { markdownTable } from "./lib/markdown-table.mjs";

const CASES = [
  {
    name: "emit",
    run: async ({ sizes }) => (await import("./emit.bench.mjs")).benchEmit({ sizes }),
  },
  {
    name: "gitlab-synth",
    run: async ({ sizes }) =>
      (await import("./gitlab-synth.bench.mjs")).benchGitlabSynth({ sizes }),
  },
  {
    name: "kubernetes",
    run: async ({ sizes }) =>
      (await import("./kubernetes-synth.bench.mjs")).benchKubernetesSynth({ sizes }),
  },
  {
    name: "memory",
    run: async () => (await import("./emit-memory.bench.mjs")).benchEmitMemory(),
  },
  {
    name: "graph",
    run: async () => (await import("./graph.bench.mjs")).benchGraph(),
  },
  {
    name: "import",
    run: async () => (await import("./import.bench.mjs")).benchImport(),
  },
  {
    name: "cli-process",
    run: async () => {
      const { example, runs, floor, synth, help, npx } = benchCliProcess();
      const times = (ratio, cpuRatio) =>
        ratio === undefined ? "–" : `${ratio.toFixed(2)}× (cpu ${cpuRatio?.toFixed(2) ?? "–"}×)`;
      const row = (name, { median, min, cpu, ratio, cpuRatio }, goal) => [
        name,
        formatMs(median),
        formatMs(min),
        cpu === undefined ? "–" : formatMs(cpu),
        times(ratio, cpuRatio),
        goal,
      ];
      return {
        title: `Whole process, ${runs} alternating rounds in ${example}`,
        markdown: markdownTable(
          ["command", "median", "min", "cpu (median)", "× node -e (median of rounds)", "goal"],
          [
            row('node -e "" (floor)', floor, "–"),
            row("pipecraft synth --stdout", synth, "≤ 2.5×"),
            row("pipecraft --help", help, "–"),
            row("npx pipecraft synth --stdout", npx, "–"),
          ],
        ),
      };
    },
  },
];

const { values } = parseArgs({ options: { only: { type: "string" }, sizes: { type: "string" } } });
const only = values.only?.split(",");
const sizes = values.sizes?.split(",").map(Number);
if (globalThis.gc === undefined) console.warn("run with node --expose-gc for steadier numbers");

console.log(`## Benchmarks\n\nNode ${process.version}, ${process.platform}/${process.arch}.\n`);
for (const benchCase of CASES) {
  if (only && !only.includes(benchCase.name)) continue;
  try {
    const { title, markdown } = await benchCase.run({ sizes });
    console.log(`### ${title}\n\n${markdown}\n`);
  } catch (error) {
    // One broken case must not hide the others' numbers, but the run still fails.
    console.log(`### ${benchCase.name}: failed\n\n    ${String(error?.message ?? error)}\n`);
    process.exitCode = 1;
  }
}
