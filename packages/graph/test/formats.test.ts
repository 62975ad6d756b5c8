// Every format: the same bytes for the same input, hostile job names escaped, Mermaid within its
// limits, DOT accepted by Graphviz itself.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { graphFormats, graphViews, synthGraph } from "../src/graph-target.js";
import { hostileNames, markedPipeline, validated } from "./graph-helpers.js";

const hostile = validated({
  stages: ["build", "test"],
  jobs: Object.fromEntries(
    hostileNames.map((name, i) => [
      name,
      {
        stage: i === 0 ? "build" : "test",
        script: ["x"],
        ...(i === 0 ? {} : { needs: [hostileNames[0]] }),
      },
    ]),
  ),
});

const hasDot = (() => {
  try {
    execFileSync("dot", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("every format and view", () => {
  for (const format of graphFormats) {
    for (const view of graphViews) {
      it(`${format} ${view}: same input, same bytes (also from a fresh copy of the input)`, () => {
        const first = synthGraph(validated(markedPipeline), { format, view }).output;
        const again = synthGraph(validated(structuredClone(markedPipeline)), {
          format,
          view,
        }).output;
        expect(first).toBeTypeOf("string");
        expect(again).toBe(first);
      });
    }
  }
});

describe("hostile job names", () => {
  for (const format of ["html", "svg"] as const) {
    it(`${format}: no name reaches the markup unescaped`, () => {
      const text = synthGraph(hostile, { format, view: "needs" }).output ?? "";
      expect(text).not.toContain("<img");
      expect(text).not.toContain("</script><script>");
      expect(text).not.toContain('"quoted"');
      expect(text).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
      // Only the page's own script element.
      expect(text.match(/<script/g)?.length ?? 0).toBe(format === "html" ? 1 : 0);
      expect(text).toContain("deploy → prod ✓ 日本");
    });
  }

  it("mermaid: labels hold only entity codes for quotes, brackets, markup and unicode", () => {
    const text = synthGraph(hostile, { format: "mermaid", view: "stages" }).output ?? "";
    const labels = [...text.matchAll(/^\s+n\d+\["(.*)"\]$/gm)].map((match) => match[1] ?? "");
    expect(labels).toHaveLength(hostileNames.length);
    for (const label of labels) expect(label).toMatch(/^[A-Za-z0-9 _.,:/+=@#;-]*$/);
    expect(labels[0]).toBe(
      "build #34;quoted#34; #91;x#93; #123;y#125; #40;z#41; #35;1#59; #37;#37;",
    );
  });

  it.skipIf(!hasDot)("dot: Graphviz renders both views of hostile names and of every mark", () => {
    for (const pipeline of [hostile, validated(markedPipeline)]) {
      for (const view of graphViews) {
        const text = synthGraph(pipeline, { format: "dot", view }).output ?? "";
        const svg = execFileSync("dot", ["-Tsvg"], { input: text, encoding: "utf8" });
        expect(svg).toContain("<svg");
      }
    }
    const text = synthGraph(hostile, { format: "dot", view: "needs" }).output ?? "";
    expect(execFileSync("dot", ["-Tsvg"], { input: text, encoding: "utf8" })).toContain("日本");
  });
});

describe("mermaid limits", () => {
  const wide = (services: number) =>
    validated({
      stages: ["build", "test"],
      jobs: Object.fromEntries(
        Array.from({ length: services }, (_, i) => [
          [`build-${i}`, { stage: "build", script: ["b"], parallel: 4 }],
          [`test-${i}`, { stage: "test", script: ["t"], needs: [`build-${i}`], parallel: 4 }],
        ]).flat(),
      ),
    });

  it("a small pipeline is drawn whole, with no comment", () => {
    const text = synthGraph(wide(2), { format: "mermaid", view: "needs" }).output ?? "";
    expect(text.startsWith("flowchart LR\n")).toBe(true);
    expect(text).not.toContain("%%");
  });

  it("over 500 edges: matrix/parallel groups collapse, and a comment says so", () => {
    // 40 services × 4 × 4 = 640 edges; collapsed: 40.
    const text = synthGraph(wide(40), { format: "mermaid", view: "needs" }).output ?? "";
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^%% collapsed matrix\/parallel groups: 320 jobs drawn as 80 boxes/);
    expect(lines[1]).toBe("flowchart LR");
    expect(text.match(/-->/g)).toHaveLength(40);
    expect(text).toContain('["build-0 #215;4"]');
  });

  it("still too large: stages collapse too, within 500 edges and 50,000 characters", () => {
    const text = synthGraph(wide(600), { format: "mermaid", view: "stages" }).output ?? "";
    expect(text).toMatch(/^%% collapsed matrix\/parallel groups: .*\n%% collapsed stages: /);
    expect(text.length).toBeLessThanOrEqual(50_000);
    expect((text.match(/-->/g) ?? []).length).toBeLessThanOrEqual(500);
  });
});

describe("every mark, in every format", () => {
  const marked = validated(markedPipeline);
  const text = (format: "html" | "svg" | "mermaid" | "dot") =>
    synthGraph(marked, { format, view: "stages" }).output ?? "";

  it("svg and html: a class per mark, and a stack of cards for a matrix/parallel instance", () => {
    for (const format of ["svg", "html"] as const) {
      const out = text(format);
      const classes = (job: string) =>
        out.match(new RegExp(`<g class="([^"]*)" id="n\\d+" data-job="${job}"`))?.[1];
      expect(classes("deploy")).toBe("job when-manual allow-failure");
      expect(classes("later")).toBe("job when-delayed");
      expect(classes("notify")).toBe("job when-on_failure");
      expect(classes("cleanup")).toBe("job when-always");
      expect(classes("lint")).toBe("job when-on_success allow-failure");
      expect(classes("child")).toBe("job when-on_success trigger");
      expect(classes("e2e 1/3")).toBe("job when-on_success in-group");
      expect(out.match(/<rect class="stack"/g)).toHaveLength(7);
      expect(out.match(/data-group="test"/g)).toHaveLength(4);
      expect(out).toContain("<title>deploy (manual, allow failure)</title>");
      expect(out).toContain("▶ deploy</text>");
      expect(out).toContain("⏱ later</text>");
      expect(out).toContain("✗ notify</text>");
      expect(out).toContain("● cleanup</text>");
      expect(out).toContain("↪ child</text>");
    }
  });

  it("mermaid: a class per mark, a subroutine box for a trigger, a subgraph per group", () => {
    const out = text("mermaid");
    for (const line of [
      "  class n9 manual",
      "  class n10 delayed",
      "  class n12 on_failure",
      "  class n13 always",
      "  class n1,n9 allow_failure",
      "  class n11 trigger",
      '    n11[["child #40;trigger#41;"]]',
      '    n9["deploy #40;manual, allow failure#41;"]',
      '    subgraph gn2["test #215;4"]',
      '      n2["test: #91;20, pg#93;"]',
      '    subgraph gn6["e2e #215;3"]',
    ]) {
      expect(out.split("\n")).toContain(line);
    }
  });

  it("dot: fill per when, dashed for allow_failure, a double outline for trigger, a cluster per group", () => {
    const out = text("dot");
    expect(out).toContain(
      'n9 [label="deploy\\nmanual, allow failure", fillcolor="#eeeeff", style="rounded,filled,dashed"];',
    );
    expect(out).toContain('n10 [label="later\\ndelayed", fillcolor="#ffffee"];');
    expect(out).toContain('n12 [label="notify\\non failure", fillcolor="#ffeeee"];');
    expect(out).toContain('n13 [label="cleanup\\nalways", fillcolor="#eeffee"];');
    expect(out).toContain('n11 [label="child\\ntrigger", fillcolor="#ffffff", peripheries=2];');
    expect(out).toContain('subgraph cluster_gn2 {\n      label="test ×4"; style=dashed;');
    expect(out).toContain('subgraph cluster_gn6 {\n      label="e2e ×3"; style=dashed;');
  });
});
