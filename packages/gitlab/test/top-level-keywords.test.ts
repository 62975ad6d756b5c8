import { topLevelKeywords } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { TOP_LEVEL_KEY_ORDER } from "../src/top-level-keywords.js";

describe("top-level key order", () => {
  it("places every top-level keyword of the model except spec (its own document)", () => {
    // A keyword the model gains but the order lacks would silently vanish from the output.
    const placed = new Set<string>(TOP_LEVEL_KEY_ORDER);
    expect(
      topLevelKeywords.filter((keyword) => keyword !== "spec" && !placed.has(keyword)),
    ).toEqual([]);
    expect([...placed].filter((key) => !topLevelKeywords.includes(key as never))).toEqual([]);
  });
});
