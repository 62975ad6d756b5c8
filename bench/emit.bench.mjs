// The YAML emitter against the alternatives, in one process on the same documents: our
// emitter, js-yaml's dump, the `yaml` package's stringify (when installed) and JSON.stringify,
// which writes the same data with no decisions to make and so is the floor.
// Run: pnpm build && node --expose-gc bench/emit.bench.mjs [--sizes 1000,10000]
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_SCHEMA, dump, load } from "js-yaml";
import { emitYaml } from "../packages/emit/dist/index.js";
import { makeGitlabDocument } from "./fixtures/gitlab-pipeline.mjs";
import { formatBytes, formatCount, formatMs, formatRatio } from "./lib/format.mjs";
import { markdownTable } from "./lib/markdown-table.mjs";
import { measure } from "./lib/measure.mjs";

export const DEFAULT_SIZES = [1_000, 10_000, 50_000];

// Settings that make js-yaml write what we write: no anchors, no line folding.
const JS_YAML_OPTIONS = { noRefs: true, lineWidth: -1 };

async function loadYamlPackage() {
  try {
    const { stringify } = await import("yaml");
    return (doc) => stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
  } catch {
    return undefined;
  }
}

// More runs where they are cheap; a few where one run takes seconds.
function runsFor(jobCount) {
  if (jobCount <= 1_000) return { runs: 30, warmup: 5, budgetMs: 3_000 };
  if (jobCount <= 10_000) return { runs: 11, warmup: 2, budgetMs: 5_000 };
  return { runs: 5, warmup: 1, budgetMs: 5_000 };
}

/** Measures every emitter on documents of each size; returns a markdown section. */
export async function benchEmit({ sizes = DEFAULT_SIZES } = {}) {
  const yamlStringify = await loadYamlPackage();
  const rows = [];
  for (const jobCount of sizes) {
    const doc = makeGitlabDocument(jobCount);
    const text = emitYaml(doc);
    // A benchmark of wrong output would be worthless: check the text reads back first.
    const back = JSON.stringify(load(text, { schema: DEFAULT_SCHEMA }));
    if (back !== JSON.stringify(doc))
      throw new Error(`emitYaml output for ${jobCount} jobs does not read back`);
    const opts = runsFor(jobCount);
    const ours = measure(() => emitYaml(doc), opts);
    const jsYaml = measure(() => dump(doc, JS_YAML_OPTIONS), opts);
    const yaml = yamlStringify && measure(() => yamlStringify(doc), opts);
    const json = measure(() => JSON.stringify(doc), opts);
    const vs = (m) => `${formatMs(m.medianMs)} (${formatRatio(m.medianMs, ours.medianMs)})`;
    rows.push([
      formatCount(jobCount),
      formatBytes(Buffer.byteLength(text)),
      `**${formatMs(ours.medianMs)}**`,
      vs(jsYaml),
      yaml ? vs(yaml) : "not installed",
      vs(json),
      `${((ours.medianMs / jobCount) * 1000).toFixed(1)} µs`,
    ]);
  }
  const table = markdownTable(
    [
      "jobs",
      "YAML size",
      "@pipecraft/emit",
      "js-yaml dump",
      "yaml stringify",
      "JSON.stringify (floor)",
      "emit per job",
    ],
    rows,
  );
  return {
    title: "YAML emitter, median wall time in process (× = time relative to @pipecraft/emit)",
    markdown: table,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { sizes: { type: "string" } } });
  const sizes = values.sizes?.split(",").map(Number);
  const { title, markdown } = await benchEmit({ sizes });
  console.log(`### ${title}\n\n${markdown}`);
}
