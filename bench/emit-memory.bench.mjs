// Peak memory of turning a 10,000-job pipeline into YAML, each way in a fresh process, since a
// process's peak RSS only ever grows: node + modules, the pipeline model, the output text and
// everything validation and the writer allocate on the way. The budget is 300 MB for the
// whole synth.
// Run: pnpm build && node bench/emit-memory.bench.mjs [--jobs 10000]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatCount } from "./lib/format.mjs";
import { markdownTable } from "./lib/markdown-table.mjs";

const SELF = fileURLToPath(import.meta.url);

// What each child process does with the pipeline; imported there, so the parent loads nothing.
const WAYS = {
  "validatePipeline + synthGitlab": async (input) => {
    const { pipeline, validatePipeline } = await import("../packages/core/dist/index.js");
    const { synthGitlab } = await import("../packages/gitlab/dist/index.js");
    const result = validatePipeline(pipeline(input));
    return result.pipeline === undefined ? "" : (synthGitlab(result.pipeline).output ?? "");
  },
  "emitYaml (document only)": async (pipeline) => {
    const { emitYaml } = await import("../packages/emit/dist/index.js");
    const { jobs, ...topLevel } = pipeline;
    return emitYaml({ ...topLevel, ...jobs });
  },
  "js-yaml dump (document only)": async (pipeline) => {
    const { dump } = await import("js-yaml");
    const { jobs, ...topLevel } = pipeline;
    return dump({ ...topLevel, ...jobs }, { noRefs: true, lineWidth: -1 });
  },
};

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

async function child(way, jobCount) {
  const { makeGitlabPipeline } = await import("./fixtures/gitlab-pipeline.mjs");
  await WAYS[way]({ jobs: {} }); // load the modules before the baseline
  const baselineKb = process.resourceUsage().maxRSS;
  const text = await WAYS[way](makeGitlabPipeline(jobCount));
  const peakKb = process.resourceUsage().maxRSS;
  console.log(JSON.stringify({ baselineKb, peakKb, bytes: Buffer.byteLength(text) }));
}

/** Peak RSS of each way in its own process; returns a markdown section. */
export async function benchEmitMemory({ jobCount = 10_000 } = {}) {
  const rows = [];
  for (const way of Object.keys(WAYS)) {
    const run = spawnSync(process.execPath, [SELF, "--child", way, "--jobs", String(jobCount)], {
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`${way}: child exited ${run.status}: ${run.stderr}`);
    const { baselineKb, peakKb } = JSON.parse(run.stdout);
    rows.push([way, mb(peakKb), mb(baselineKb), mb(peakKb - baselineKb)]);
  }
  return {
    title: `Peak memory for ${formatCount(jobCount)} jobs, fresh process each (budget 300 MB)`,
    markdown: markdownTable(["way", "peak RSS", "node + modules", "added by the run"], rows),
  };
}

if (process.argv[1] === SELF) {
  const { values } = parseArgs({
    options: { child: { type: "string" }, jobs: { type: "string" } },
  });
  const jobCount = Number(values.jobs ?? 10_000);
  if (values.child !== undefined) {
    await child(values.child, jobCount);
  } else {
    const { title, markdown } = await benchEmitMemory({ jobCount });
    console.log(`### ${title}\n\n${markdown}`);
  }
}
