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
