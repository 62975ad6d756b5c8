import { describe, expect, it } from "vitest";
import { emitYaml, yamlTag } from "../src/index.js";

// Values a target should never hand over; emitting them silently would write a wrong file.
describe("emitYaml refuses values YAML cannot hold, naming the place", () => {
  const cycle: Record<string, unknown> = { a: 1 };
  cycle.self = { back: cycle };

  it.each([
    [{ jobs: { a: { script: [() => 1] } } }, "jobs.a.script[0]: cannot write a function"],
    [{ s: Symbol("x") }, "s: cannot write a symbol"],
    [{ n: 10n }, "n: cannot write a bigint"],
    [{ d: new Date(0) }, "d: cannot write a Date instance"],
    [{ m: new Map() }, "m: cannot write a Map instance"],
    [{ list: [1, undefined] }, "list[1]: cannot write undefined"],
    [{ "a b": { c: () => 1 } }, '["a b"].c: cannot write a function'],
    [cycle, "self.back: value contains itself (a cycle)"],
    [{ s: "bad \ud800 half" }, "s: string has a lone surrogate"],
    [{ t: yamlTag("!t", yamlTag("!u", 1)) }, 't["!t"]: a tagged value cannot hold another tag'],
  ])("%#", (value, message) => {
    expect(() => emitYaml(value as never)).toThrow(TypeError);
    expect(() => emitYaml(value as never)).toThrow(message);
  });

  it("rejects header comment lines a comment cannot hold", () => {
    expect(() => emitYaml({}, { headerComment: ["a\rb"] })).toThrow(TypeError);
    expect(() => emitYaml({}, { headerComment: ["a\u2028b"] })).toThrow(TypeError);
  });

  it("writes a value shared (not cyclic) by two parents twice", () => {
    const shared = { x: 1 };
    expect(emitYaml({ a: shared, b: shared })).toBe("a:\n  x: 1\nb:\n  x: 1\n");
  });

  it("accepts objects without a prototype", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: "v" });
    expect(emitYaml({ bare } as never)).toBe("bare:\n  k: v\n");
  });
});
