import { describe, expect, it } from "vitest";
import {
  closestMatch,
  didYouMean,
  editDistance,
  suggester,
} from "../../src/diagnostics/did-you-mean.js";

describe("editDistance", () => {
  it("counts an adjacent transposition as one edit", () => {
    expect(editDistance("biuld", "build")).toBe(1);
    expect(editDistance("scirpt", "script")).toBe(1);
  });

  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("test", "tests")).toBe(1);
    expect(editDistance("deploy", "deplay")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});

describe("closestMatch", () => {
  it("suggests the nearest candidate within a third of the name", () => {
    expect(closestMatch("biuld", ["test", "build", "deploy"])).toBe("build");
    expect(closestMatch("tset", ["test", "lint"])).toBe("test");
  });

  it("prefers a candidate that differs only in case", () => {
    expect(closestMatch("Build", ["built", "build"])).toBe("build");
  });

  it("suggests nothing for unrelated names", () => {
    expect(closestMatch("release", ["build", "test"])).toBeUndefined();
    expect(closestMatch("x", [])).toBeUndefined();
  });

  it("breaks ties by candidate order", () => {
    expect(closestMatch("tost", ["test", "tast"])).toBe("test");
  });
});

describe("didYouMean", () => {
  it("renders the hint or nothing", () => {
    expect(didYouMean("biuld", ["build"])).toBe('; did you mean "build"?');
    expect(didYouMean("zzz", ["build"])).toBe("");
  });
});

describe("suggester", () => {
  it("suggests like didYouMean, listing the candidates only when first asked", () => {
    let listed = 0;
    const hintFor = suggester(() => {
      listed++;
      return ["build", "test"];
    });
    expect(listed).toBe(0);
    expect(hintFor("biuld")).toBe('; did you mean "build"?');
    expect(hintFor("tset")).toBe('; did you mean "test"?');
    expect(listed).toBe(1);
  });

  it("stops suggesting after 100 different names, so errors stay linear", () => {
    const hintFor = suggester(() => ["build"]);
    for (let i = 0; i < 100; i++) hintFor(`unknown-${i}`);
    expect(hintFor("biuld")).toBe("");
  });
});
