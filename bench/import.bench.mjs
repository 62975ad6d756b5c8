// `pipecraft import` of a 2,000-job .gitlab-ci.yml (anchors, merge keys, hidden templates with
// `extends`, `!reference`, comments, multi-line scripts), goal under 3 s, and where the time goes:
// reading the YAML (the `yaml` Document API), the rest of the import (turning nodes into
// expressions and laying them out), and ts-morph (parsing the written file as the syntax check).
// Run: pnpm build && node --expose-gc bench/import.bench.mjs
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { importGitlabYaml } from "../packages/import/dist/index.js";
import { readYaml } from "../packages/import/dist/read-yaml.js";
import { formatMs } from "./lib/format.mjs";
import { markdownTable } from "./lib/markdown-table.mjs";

const GOAL_MS = 3_000;
const JOBS = 2_000;

/** A .gitlab-ci.yml with `jobs` visible jobs, written as a person would. */
export function makeImportYaml(jobs = JOBS) {
  const lines = [
    "# A large pipeline for the import benchmark.",
    "stages: [build, test, deploy]",
    "",
    "variables: &common_variables",
    "  GIT_DEPTH: 10",
    "",
    ".base: &base",
    "  image: node:22",
    "  before_script:",
    "    - npm ci",
    "",
    ".rules: &rules",
    "  - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
    "  - when: manual",
  ];
  const stages = ["build", "test", "deploy"];
  for (let i = 0; i < jobs; i++) {
    const stage = stages[i % 3];
    lines.push("");
    if (i % 10 === 0) lines.push(`# group ${i / 10}`);
    lines.push(`job-${i}:`);
    if (i % 2 === 0) lines.push("  <<: *base");
    else lines.push("  extends: .base");
    lines.push(`  stage: ${stage}`);
    if (i > 0 && stage !== "build") lines.push(`  needs: [job-${i - (i % 3)}]`);
    lines.push("  variables:", "    <<: *common_variables", `    INDEX: "${i}"`);
    lines.push("  rules: *rules");
    lines.push("  script:", "    - !reference [.base, before_script]", "    - |");
    lines.push(`      echo "job ${i} \${CI_JOB_NAME}"`, "      make `echo target` # done");
  }
  return `${lines.join("\n")}\n`;
}

function once(fn) {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The import benchmark as { title, markdown }. */
export async function benchImport() {
  const yaml = makeImportYaml();
  // ts-morph is the import package's dependency, not the workspace root's.
  const tsMorphPath = createRequire(
    new URL("../packages/import/package.json", import.meta.url),
  ).resolve("ts-morph");
  const { Project } = await import(pathToFileURL(tsMorphPath).href);
  // The first import loads ts-morph's compiler: measured on its own.
  const first = once(() => importGitlabYaml(yaml));
  if (first.value.files.length !== 1) throw new Error("the fixture does not import");
  const text = first.value.files[0].text;
  const runs = 5;
  const total = [];
  const read = [];
  const tsMorph = [];
  for (let i = 0; i < runs; i++) {
    total.push(once(() => importGitlabYaml(yaml)).ms);
    read.push(once(() => readYaml(yaml)).ms);
    tsMorph.push(
      once(() => {
        const project = new Project({
          useInMemoryFileSystem: true,
          skipLoadingLibFiles: true,
          compilerOptions: { noLib: true, noResolve: true },
        });
        const file = project.createSourceFile("pipeline.ts", text);
        return project.getProgram().getSyntacticDiagnostics(file).length;
      }).ms,
    );
  }
  const [t, r, m] = [median(total), median(read), median(tsMorph)];
  const load = loadavg()[0].toFixed(1);
  const rows = [
    ["whole import (median of 5)", formatMs(t), t < GOAL_MS ? "yes" : "**no**"],
    ["  reading the YAML (yaml Document API)", formatMs(r), ""],
    ["  ts-morph: parse and check the written file", formatMs(m), ""],
    ["  nodes → expressions → laid-out text", formatMs(Math.max(0, t - r - m)), ""],
    ["first import in the process (loads the compiler)", formatMs(first.ms), ""],
  ];
  return {
    title: `pipecraft import of ${JOBS.toLocaleString("en-US")} jobs (${(yaml.length / 1e3).toFixed(0)} KB of YAML → ${(text.length / 1e3).toFixed(0)} KB of TypeScript), goal ${formatMs(GOAL_MS)}, load average ${load}`,
    markdown: markdownTable(["step", "time", "under goal"], rows),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { title, markdown } = await benchImport();
  console.log(`### ${title}\n\n${markdown}`);
}
