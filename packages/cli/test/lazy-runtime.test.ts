// The runtime and @kubernetes/client-node load only in `pipecraft run`: loading the `pipecraft`
// entry, `synth` and `validate` never import them. Checked in a child process whose module
// resolutions are traced by a real resolve hook (node:module register), so that a static import
// added anywhere on those paths fails this test. A positive control shows the trace sees them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, repoRoot } from "./project.js";

const bin = join(repoRoot, "packages/cli/bin/pipecraft.js");
const hooks = mkdtempSync(join(tmpdir(), "pipecraft-trace-"));
let project: string;

beforeAll(async () => {
  project = await makeProject({
    "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  stages: ["build", "test"],
  default: { image: "alpine" },
  jobs: {
    build: { stage: "build", script: ["make"] },
    test: { stage: "test", needs: ["build"], script: ["make test"] },
  },
});
`,
    "invalid.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  jobs: { test: { needs: ["biuld"] as never, script: ["make test"] } },
});
`,
  });
  writeFileSync(
    join(hooks, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";
let trace;
export function initialize(data) { trace = data.trace; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(trace, result.url + "\\n");
  return result;
}
`,
  );
});
afterAll(async () => {
  await removeProject(project);
  rmSync(hooks, { recursive: true, force: true });
});

/** Runs node with the tracing hook; returns the exit status and every URL resolved. */
function traced(args: readonly string[]): { status: number | null; urls: string[] } {
  const trace = join(hooks, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, "");
  const register = `data:text/javascript,${encodeURIComponent(
    `import { register } from "node:module"; register(${JSON.stringify(pathToFileURL(join(hooks, "hooks.mjs")).href)}, { data: { trace: ${JSON.stringify(trace)} } });`,
  )}`;
  const child = spawnSync(process.execPath, ["--import", register, ...args], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  const urls = existsSync(trace) ? readFileSync(trace, "utf8").split("\n").filter(Boolean) : [];
  return { status: child.status, urls };
}

const cluster = (urls: readonly string[]) =>
  urls.filter(
    (url) => url.includes("@kubernetes/client-node") || url.includes("/packages/runtime/"),
  );

describe("lazy loading of the runtime", () => {
  it("importing pipecraft loads no Kubernetes client", () => {
    const { status, urls } = traced(["--input-type=module", "-e", 'await import("pipecraft");']);
    expect(status).toBe(0);
    expect(urls.some((url) => url.includes("/packages/cli/dist/index.js"))).toBe(true);
    expect(cluster(urls)).toEqual([]);
  });

  it.each([
    [["synth", "--stdout"]],
    [["synth", "--stdout", "--target", "kubernetes"]],
    [["validate", "--target", "kubernetes"]],
  ])("pipecraft %j loads neither the runtime nor @kubernetes/client-node", (args) => {
    const { status, urls } = traced([bin, ...args]);
    expect(status).toBe(0);
    expect(urls.some((url) => url.includes("/packages/cli/dist/commands/"))).toBe(true);
    expect(cluster(urls)).toEqual([]);
  });

  it("pipecraft run does load them (the trace sees what it is looking for)", () => {
    const { status, urls } = traced([bin, "run", "--run-id", "NOT_VALID"]);
    expect(status).toBe(2);
    // The runtime's entry is one bundle that holds @kubernetes/client-node.
    expect(urls.some((url) => url.includes("/packages/runtime/dist/bundle.js"))).toBe(true);
  });

  it("pipecraft apply loads the runtime's apply bundle, not the whole runtime", () => {
    const { status, urls } = traced([bin, "apply", "--qps", "0"]);
    expect(status).toBe(2);
    expect(urls.some((url) => url.includes("/packages/runtime/dist/apply-bundle.js"))).toBe(true);
    expect(urls.filter((url) => url.includes("/packages/runtime/dist/bundle.js"))).toEqual([]);
  });
});

describe("lazy loading of the compiler that places diagnostics", () => {
  const compiler = (urls: readonly string[]) =>
    urls.filter((url) => url.includes("/node_modules/typescript/"));

  it.each([[["synth", "--stdout"]], [["validate", "--target", "kubernetes"]]])(
    "a clean pipecraft %j never loads typescript",
    (args) => {
      const { status, urls } = traced([bin, ...args]);
      expect(status).toBe(0);
      expect(compiler(urls)).toEqual([]);
    },
  );

  it("a diagnostic to place loads it (the trace sees what it is looking for)", () => {
    const { status, urls } = traced([bin, "validate", "--app", "invalid.ts"]);
    expect(status).toBe(1);
    expect(compiler(urls).length).toBeGreaterThan(0);
  });
});
