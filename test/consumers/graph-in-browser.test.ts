// `pipecraft graph` in a real browser: headless Chromium (Debian's package, driven by
// playwright-core, which downloads no browser) opens the HTML of every example and of a 2,000-job
// pipeline, with every request blocked and recorded; and Mermaid itself parses and renders every
// Mermaid text. Screenshots go to `.artifacts/graph/` (gitignored), to look at, never compared.
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Pipeline, pipeline, validatePipeline } from "pipecraft";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeGraphPipeline } from "../../bench/fixtures/graph-pipeline.mjs";
// The graph package is not an entry of pipecraft (the CLI loads it for `pipecraft graph` only).
import {
  type GraphModel,
  type GraphView,
  graphModel,
  graphViews,
  mermaidMaxEdges,
  mermaidMaxTextSize,
  synthGraph,
} from "../../packages/graph/src/index.js";
import { repoRoot } from "../support/shared.js";
import { loadModel } from "./load-model.js";
import { examplePipelines } from "./pipeline-sources.js";

const chromiumPath = "/usr/bin/chromium";
const artifacts = join(repoRoot, ".artifacts/graph");
// The page is served from a name that cannot resolve: the test answers it, and nothing else.
const pageUrl = "http://pipecraft.invalid/graph.html";

type Drawn = { readonly name: string; readonly pipeline: Pipeline };

function validated(input: unknown): Pipeline {
  const { pipeline: result, diagnostics } = validatePipeline(
    pipeline(input as Parameters<typeof pipeline>[0]),
  );
  if (result === undefined) throw new Error(JSON.stringify(diagnostics));
  return result;
}

let browser: Browser;
let context: BrowserContext;
let examples: Drawn[] = [];
let large: Pipeline;
/** Every request a page tried beyond its own URL (all are aborted). */
const attempted: string[] = [];
/** The HTML the next page load gets. */
let served = "";

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`,
    );
  }
  mkdirSync(artifacts, { recursive: true });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route("**/*", async (route) => {
    if (route.request().url() === pageUrl) {
      await route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: served });
    } else {
      attempted.push(route.request().url());
      await route.abort("blockedbyclient");
    }
  });
  examples = [];
  for (const source of examplePipelines) {
    examples.push({ name: source.label.replace("/", "-"), pipeline: await loadModel(source) });
  }
  large = validated(makeGraphPipeline());
});

afterAll(async () => {
  await browser?.close();
});

async function openPage(html: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  attempted.length = 0;
  served = html;
  await page.goto(pageUrl);
  return { page, problems };
}

/** The jobs and `needs` edges (as `from>to`) lit by hovering `start`: its chain both ways. */
function expectedChain(model: GraphModel, start: string): { jobs: string[]; edges: string[] } {
  const needs = model.edges.filter((edge) => edge.kind === "needs");
  const lit = new Set<string>();
  const jobs = new Set([start]);
  const walk = (id: string, seen: Set<string>, downstream: boolean) => {
    for (const edge of needs) {
      if ((downstream ? edge.from : edge.to) !== id) continue;
      lit.add(`${edge.from}>${edge.to}`);
      const next = downstream ? edge.to : edge.from;
      jobs.add(next);
      if (!seen.has(next)) {
        seen.add(next);
        walk(next, seen, downstream);
      }
    }
  };
  walk(start, new Set([start]), false);
  walk(start, new Set([start]), true);
  return { jobs: [...jobs].sort(), edges: [...lit].sort() };
}

/**
 * A job with a long chain whose label the search finds first (so Enter centres it): upstream and
 * downstream both, when one has them.
 */
function hoverTarget(model: GraphModel): { id: string; query: string } {
  let best = { id: model.nodes[0]?.id ?? "", query: model.nodes[0]?.label ?? "", size: -1 };
  for (const node of model.nodes.slice(0, 300)) {
    const query = node.label.toLowerCase();
    if (model.nodes.find((other) => other.label.toLowerCase().includes(query)) !== node) continue;
    const chain = expectedChain(model, node.id);
    const both =
      model.edges.some((e) => e.kind === "needs" && e.to === node.id) &&
      model.edges.some((e) => e.kind === "needs" && e.from === node.id);
    const size = chain.jobs.length + (both ? 10_000 : 0);
    if (size > best.size) best = { id: node.id, query: node.label, size };
  }
  return best;
}

async function checkPage(p: Pipeline, view: GraphView, name: string): Promise<void> {
  const model = graphModel(p, view);
  const html = synthGraph(p, { format: "html", view, title: name }).output ?? "";
  const { page, problems } = await openPage(html);
  try {
    // One box per job (matrix/parallel instance), one arrow per edge, dashed ones for stages.
    expect(await page.locator("svg .job").count()).toBe(model.nodes.length);
    expect(await page.locator("svg .edge").count()).toBe(model.edges.length);
    expect(await page.locator("svg .edge.stage").count()).toBe(
      model.edges.filter((edge) => edge.kind === "stage").length,
    );

    // Search: Enter centres the first match at full size; a real pointer then hovers it.
    const target = hoverTarget(model);
    await page.fill("#search", target.query);
    await page.press("#search", "Enter");
    await page.fill("#search", "");
    const box = await page.locator(`[id="${target.id}"]`).boundingBox();
    if (box === null) throw new Error(`${name} ${view}: ${target.id} is not drawn`);
    expect(box.height).toBeGreaterThan(20);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

    // Hover: exactly the whole needs chain, upstream and downstream, and nothing else.
    const chain = expectedChain(model, target.id);
    // Something to light whenever the pipeline has needs at all.
    if (model.edges.some((edge) => edge.kind === "needs")) {
      expect(chain.jobs.length).toBeGreaterThan(1);
    }
    expect(await page.$$eval("svg .job.hl", (els) => els.map((el) => el.id).sort())).toEqual(
      chain.jobs,
    );
    const litEdges = await page.$$eval("svg .edge.hl", (els) =>
      els.map((el) => `${el.getAttribute("data-from")}>${el.getAttribute("data-to")}`).sort(),
    );
    expect(litEdges).toEqual(chain.edges);
    expect(await page.locator(`svg .job.focus[id="${target.id}"]`).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, `${name}-${view}-hover.png`) });
    await page.mouse.move(2, 2);
    expect(await page.locator("svg .hl, svg .focus").count()).toBe(0);

    // Search: a piece of a name, in any case, marks exactly the jobs whose name holds it.
    const last = model.nodes[model.nodes.length - 1]?.label ?? "";
    const query = last.slice(0, Math.min(4, last.length)).toUpperCase();
    await page.fill("#search", query);
    const matching = model.nodes
      .filter((node) => node.label.toLowerCase().includes(query.trim().toLowerCase()))
      .map((node) => node.id)
      .sort();
    expect(await page.$$eval("svg .job.match", (els) => els.map((el) => el.id).sort())).toEqual(
      matching,
    );
    expect(await page.textContent("#matches")).toBe(
      `${matching.length} ${matching.length === 1 ? "job" : "jobs"}`,
    );
    await page.fill("#search", "");
    expect(await page.locator("svg .job.match").count()).toBe(0);

    // Folding a stage hides its jobs and every arrow touching them; unfolding shows them again.
    const first = model.stages[0] ?? "";
    const inFirst = new Set(model.nodes.filter((node) => node.stage === first).map((n) => n.id));
    await page.locator(".fold-stage").first().click();
    expect(await page.locator("svg .job.folded").count()).toBe(inFirst.size);
    expect(await page.locator("svg .edge.folded").count()).toBe(
      model.edges.filter((edge) => inFirst.has(edge.from) || inFirst.has(edge.to)).length,
    );
    await page.locator(".fold-stage").first().click();
    expect(await page.locator("svg .folded").count()).toBe(0);

    // Folding matrix/parallel groups keeps one box per group, labelled `name ×N`.
    const groups = new Map<string, number>();
    for (const node of model.nodes) {
      if (node.group !== undefined) groups.set(node.group, (groups.get(node.group) ?? 0) + 1);
    }
    expect(await page.locator("#fold-groups").count()).toBe(groups.size > 0 ? 1 : 0);
    if (groups.size > 0) {
      await page.check("#fold-groups");
      const grouped = [...groups.values()].reduce((sum, n) => sum + n, 0);
      expect(await page.locator("svg .job.folded").count()).toBe(grouped - groups.size);
      const [group, size] = [...groups][0] ?? ["", 0];
      const shown = model.nodes.find((node) => node.group === group)?.id ?? "";
      expect(await page.textContent(`[id="${shown}"] text`)).toContain(`${group} ×${size}`);
      await page.uncheck("#fold-groups");
      expect(await page.locator("svg .folded").count()).toBe(0);
    }

    // Zoom (wheel) and pan (drag) move the drawing.
    const transform = () => page.getAttribute("svg .viewport", "transform");
    await page.click("#fit");
    const fitted = await transform();
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, -300);
    const zoomed = await transform();
    expect(zoomed).not.toBe(fitted);
    await page.mouse.down();
    await page.mouse.move(700, 450);
    await page.mouse.up();
    expect(await transform()).not.toBe(zoomed);

    await page.click("#fit");
    await page.screenshot({ path: join(artifacts, `${name}-${view}.png`) });
    expect(problems).toEqual([]);
    expect(attempted).toEqual([]);
  } finally {
    await page.close();
  }
}

describe("graph html in Chromium", () => {
  it("finds the examples", () => {
    expect(examples.map((example) => example.name)).toContain("examples-node-app");
  });

  for (const view of graphViews) {
    it(`every example, ${view} view: nodes, edges, hover chain, search, folding, zoom, no errors, no requests`, async () => {
      for (const { name, pipeline: p } of examples) await checkPage(p, view, name);
    });

    // A page of 2,000 boxes: Chromium alone takes 40–80 s for it on a shared 2-core machine
    // (repainting on zoom, screenshots), past the default 60 s; a limit against hangs, no timing.
    it(`the 2,000-job pipeline, ${view} view`, { timeout: 240_000 }, async () => {
      expect(graphModel(large, view).nodes).toHaveLength(2000);
      await checkPage(large, view, "2000-jobs");
    });
  }

  it("a page that asks for the network is caught (the check can fail)", async () => {
    const { page, problems } = await openPage(
      '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://cdn.invalid/x.css"></head><body><img src="https://cdn.invalid/x.png"></body></html>',
    );
    await page.close();
    expect([...attempted].sort()).toEqual([
      "http://cdn.invalid/x.css",
      "https://cdn.invalid/x.png",
    ]);
    expect(problems.length).toBeGreaterThan(0);
  });

  it("hostile job names stay text: no script runs, nothing loads", async () => {
    const names = [
      "</script><script>window.pwned=1</script>",
      '<img src="https://cdn.invalid/x.png" onerror="window.pwned=1">',
      "\"quoted\" 'single' & [x]",
    ];
    const hostile = validated({
      stages: ["build"],
      jobs: Object.fromEntries(names.map((n) => [n, { stage: "build", script: ["x"] }])),
    });
    const { page, problems } = await openPage(synthGraph(hostile, { format: "html" }).output ?? "");
    try {
      expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
      expect(
        await page.$$eval("svg .job", (els) => els.map((el) => el.getAttribute("data-job"))),
      ).toEqual(names);
      expect(problems).toEqual([]);
      expect(attempted).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("mermaid output, parsed and rendered by Mermaid itself (in Chromium, offline)", () => {
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    ({ page, problems } = await openPage("<!DOCTYPE html><html><body></body></html>"));
    const bundle = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");
    await page.addScriptTag({ path: bundle });
    // Mermaid's defaults, as GitLab and GitHub keep them.
    await page.evaluate(() =>
      (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({
        startOnLoad: false,
      }),
    );
  });
  afterAll(async () => {
    await page?.close();
  });

  /** "ok" and the number of boxes drawn, or Mermaid's error. */
  async function render(text: string): Promise<string> {
    return page.evaluate(async (source) => {
      type Api = {
        parse(t: string): Promise<unknown>;
        render(id: string, t: string): Promise<{ svg: string }>;
      };
      const api = (window as unknown as { mermaid: Api }).mermaid;
      try {
        await api.parse(source);
        const { svg } = await api.render("drawn", source);
        if (svg.includes("Maximum text size")) return "Maximum text size exceeded";
        const host = document.createElement("div");
        host.innerHTML = svg;
        return `ok ${host.querySelectorAll("g.node").length}`;
      } catch (error) {
        return String(error);
      }
    }, text);
  }

  it("a syntax error and an oversized text are reported (the check can fail)", async () => {
    expect(await render('flowchart LR\n  n0["unterminated]\n')).not.toMatch(/^ok/);
    const huge = `flowchart LR\n${Array.from({ length: 3000 }, (_, i) => `  n${i}["job ${i}"]`).join("\n")}\n`;
    expect(await render(huge)).toBe("Maximum text size exceeded");
    const edges = `flowchart LR\n${Array.from({ length: 501 }, (_, i) => `  a${i} --> b${i}`).join("\n")}\n`;
    expect(await render(edges)).not.toMatch(/^ok/);
  });

  it("every example, both views, the 2,000-job pipeline and hostile names: parsed, drawn whole", async () => {
    const hostile = validated({
      stages: ["build"],
      jobs: Object.fromEntries(
        ['a "b" [c] {d} (e) #f; %%g', "</script>", "<img onerror=x>", "→ ✓ 日本 😀", "end"].map(
          (name) => [name, { stage: "build", script: ["x"] }],
        ),
      ),
    });
    const all = [
      ...examples,
      { name: "2000-jobs", pipeline: large },
      { name: "hostile", pipeline: hostile },
    ];
    for (const { name, pipeline: p } of all) {
      for (const view of graphViews) {
        const text = synthGraph(p, { format: "mermaid", view }).output ?? "";
        expect(text.length).toBeLessThanOrEqual(mermaidMaxTextSize);
        expect((text.match(/-->|-\.->/g) ?? []).length).toBeLessThanOrEqual(mermaidMaxEdges);
        const boxes = (text.match(/^\s+n\d+\[/gm) ?? []).length;
        expect(`${name} ${view}: ${await render(text)}`).toBe(`${name} ${view}: ok ${boxes}`);
      }
    }
    expect(problems.filter((p) => !p.startsWith("console warning"))).toEqual([]);
    expect(attempted).toEqual([]);
  });
});
