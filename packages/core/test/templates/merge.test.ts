import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reference } from "../../src/reference.js";
import { extend, merge } from "../../src/templates/merge.js";

describe("merge", () => {
  it("merges maps deeply and replaces arrays and scalars, later objects winning", () => {
    const base = {
      image: "node:20",
      variables: { A: "1", B: "2" },
      script: ["a", "b"],
      cache: { key: "k", paths: ["x"] },
    };
    const override = {
      image: "node:22",
      variables: { B: "3", C: "4" },
      script: ["c"],
      cache: { paths: ["y"] },
    };
    expect(merge(base, override)).toEqual({
      image: "node:22",
      variables: { A: "1", B: "3", C: "4" },
      script: ["c"],
      cache: { key: "k", paths: ["y"] },
    });
  });

  it("keeps inherited keys first, in their order, then new keys", () => {
    expect(Object.keys(merge({ b: 1, a: 1 }, { c: 1, a: 2 }))).toEqual(["b", "a", "c"]);
  });

  it("lets null replace an inherited value (GitLab's way to unset it) and skips undefined", () => {
    expect(
      merge(
        { variables: { A: "1" }, rules: [{ when: "always" }] },
        { variables: null, rules: undefined },
      ),
    ).toEqual({
      variables: null,
      rules: [{ when: "always" }],
    });
  });

  it("does not merge into a !reference tag: the tag is one value", () => {
    const tagged = reference(".setup", "variables");
    expect(merge({ variables: tagged }, { variables: { A: "1" } })).toEqual({
      variables: { A: "1" },
    });
    expect(merge({ variables: { A: "1" } }, { variables: tagged }).variables).toBe(tagged);
  });

  it("never mutates its inputs", () => {
    const base = Object.freeze({ variables: Object.freeze({ A: "1" }) });
    const override = Object.freeze({ variables: Object.freeze({ B: "2" }) });
    expect(merge(base, override)).toEqual({ variables: { A: "1", B: "2" } });
    expect(base).toEqual({ variables: { A: "1" } });
  });

  it("treats a key named __proto__ as data", () => {
    const merged = merge(
      { variables: { A: "1" } },
      JSON.parse('{"variables":{"__proto__":{"x":1}}}'),
    );
    expect(Object.keys(merged.variables)).toEqual(["A", "__proto__"]);
    expect(Object.getPrototypeOf(merged.variables)).toBe(Object.prototype);
  });

  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 3 }),
      tie("map"),
    ),
    map: fc.dictionary(fc.constantFrom("a", "b", "c", "script", "variables"), tie("value"), {
      maxKeys: 4,
    }),
  }));

  // Jobs shaped like real ones: a keyword always holds the same kind of value.
  const job = fc.record(
    {
      image: fc.string(),
      script: fc.array(fc.string(), { maxLength: 3 }),
      variables: fc.dictionary(fc.constantFrom("A", "B", "C"), fc.string(), { maxKeys: 3 }),
      cache: fc.record(
        { key: fc.string(), paths: fc.array(fc.string(), { maxLength: 2 }) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

  it("is associative when every keyword keeps its kind, as in real jobs", () => {
    fc.assert(
      fc.property(job, job, job, (a, b, c) => {
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)));
        expect(merge(a, b, c)).toEqual(merge(merge(a, b), c));
      }),
    );
  });

  it("is not associative when a map is replaced by a scalar in between (as in GitLab)", () => {
    const [a, b, c] = [{ k: { x: 1 } }, { k: "scalar" }, { k: { y: 2 } }];
    expect(merge(merge(a, b), c)).toEqual({ k: { y: 2 } });
    expect(merge(a, merge(b, c))).toEqual({ k: { x: 1, y: 2 } });
  });

  it("is idempotent, and the empty object is its identity", () => {
    fc.assert(
      fc.property(json.map, (a) => {
        expect(merge(a, a)).toEqual(a);
        expect(merge({}, a)).toEqual(a);
        expect(merge(a, {})).toEqual(a);
      }),
    );
  });

  it("keeps every key of the later object as it is, unless both sides are maps", () => {
    fc.assert(
      fc.property(json.map, json.map, (a, b) => {
        const merged = merge(a, b) as Record<string, unknown>;
        for (const [key, value] of Object.entries(b)) {
          const both = [value, a[key]].every(
            (v) => typeof v === "object" && v !== null && !Array.isArray(v),
          );
          if (!both) expect(merged[key]).toEqual(value);
        }
      }),
    );
  });
});

describe("extend", () => {
  it("builds a new job from a template and overrides, in order", () => {
    const node = { image: "node:22", before_script: ["npm ci"], variables: { CI: "true" } };
    const job = extend(node, { script: ["npm test"] }, { variables: { NODE_ENV: "test" } });
    expect(job).toEqual({
      image: "node:22",
      before_script: ["npm ci"],
      variables: { CI: "true", NODE_ENV: "test" },
      script: ["npm test"],
    });
    expect(node).toEqual({
      image: "node:22",
      before_script: ["npm ci"],
      variables: { CI: "true" },
    });
  });
});
