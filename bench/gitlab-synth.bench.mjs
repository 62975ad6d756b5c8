// The whole in-process synth and its parts: validatePipeline (core: schema, semantic checks,
// normalization), toGitlabDocuments (key order, spec document) and emitYamlDocuments. The
// "whole synth" column is what `pipecraft synth` does in process: validate, then synthGitlab.
// Run: pnpm build && node --expose-gc bench/gitlab-synth.bench.mjs [--sizes 1000,10000]
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { pipeline as definePipeline, validatePipeline } from "../packages/core/dist/index.js";
import { emitYamlDocuments } from "../packages/emit/dist/index.js";
import { synthGitlab, toGitlabDocuments } from "../packages/gitlab/dist/index.js";
import { makeGitlabPipeline } from "./fixtures/gitlab-pipeline.mjs";
import { formatCount, formatMs } from "./lib/format.mjs";
import { markdownTable } from "./lib/markdown-table.mjs";
import { measure } from "./lib/measure.mjs";
import { runsFor, validated } from "./lib/synth-fixture.mjs";

export const DEFAULT_SIZES = [1_000, 10_000, 50_000];

// The budgets of the whole in-process synth, from the issue.
const BUDGET_MS = new Map([
  [1_000, 100],
  [10_000, 1_000],
]);

/** Measures the whole synth and its parts on pipelines of each size; returns a markdown section. */
export async function benchGitlabSynth({ sizes = DEFAULT_SIZES } = {}) {
  const rows = [];
  for (const jobCount of sizes) {
    const definition = definePipeline(makeGitlabPipeline(jobCount));
    const pipeline = validated(definition);
    const documents = toGitlabDocuments(pipeline);
    const opts = runsFor(jobCount);
    const validate = measure(() => validatePipeline(definition), opts);
    const target = measure(() => toGitlabDocuments(pipeline), opts);
    const emit = measure(() => emitYamlDocuments(documents), opts);
    const whole = measure(() => synthGitlab(validated(definition)), opts);
    const budget = BUDGET_MS.get(jobCount);
    rows.push([
      formatCount(jobCount),
      formatMs(validate.medianMs),
      formatMs(target.medianMs),
      formatMs(emit.medianMs),
      `**${formatMs(whole.medianMs)}**`,
      `${((whole.medianMs / jobCount) * 1000).toFixed(1)} µs`,
      budget === undefined ? "–" : formatMs(budget),
    ]);
  }
  const headers = ["jobs", "validatePipeline", "toGitlabDocuments", "emitYamlDocuments"];
  return {
    title: "Whole synth in process (validate + GitLab target + emit), median wall time",
    markdown: markdownTable([...headers, "whole synth", "per job", "budget"], rows),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { sizes: { type: "string" } } });
  const sizes = values.sizes?.split(",").map(Number);
  const { title, markdown } = await benchGitlabSynth({ sizes });
  console.log(`### ${title}\n\n${markdown}`);
}
