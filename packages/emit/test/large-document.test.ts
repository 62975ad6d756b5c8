import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { emitYaml } from "../src/index.js";

// The emitter sets finished text aside in chunks as it goes (see write-document.ts); these
// documents are many chunks long, in a map and in a sequence.
describe("large documents", () => {
  it("read back whole when made of many jobs", () => {
    const doc: Record<string, unknown> = {};
    for (let i = 0; i < 2_000; i++) {
      doc[`job-${i}`] = {
        stage: "test",
        script: [`echo ${i}`, `line 1\nline ${i}\n`],
        retry: i % 3,
      };
    }
    const text = emitYaml(doc as never);
    expect(text.length).toBeGreaterThan(100_000);
    expect(load(text)).toEqual(doc);
  });

  it("read back whole when made of one long sequence", () => {
    const list = Array.from({ length: 20_000 }, (_, i) => `item ${i}: x`);
    expect(load(emitYaml(list))).toEqual(list);
  });

  it("are the same bytes every time", () => {
    const list = Array.from({ length: 20_000 }, (_, i) => ({ [`k${i}`]: [i, `v${i}`] }));
    expect(emitYaml(list)).toBe(emitYaml(structuredClone(list)));
  });
});
