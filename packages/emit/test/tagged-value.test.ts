import { describe, expect, it } from "vitest";
import { isTaggedValue, yamlTag } from "../src/index.js";

describe("yamlTag", () => {
  it("makes a frozen plain value that isTaggedValue recognises", () => {
    const ref = yamlTag("!reference", [".setup", "script"]);
    expect(isTaggedValue(ref)).toBe(true);
    expect(ref.tag).toBe("!reference");
    expect(ref.value).toEqual([".setup", "script"]);
    expect(Object.isFrozen(ref)).toBe(true);
  });

  it("does not mistake look-alikes for tagged values", () => {
    expect(isTaggedValue({ tag: "!reference", value: [] })).toBe(false);
    expect(isTaggedValue(null)).toBe(false);
    expect(isTaggedValue("!reference")).toBe(false);
  });

  it.each(["reference", "!", "!a b", "!a,b", "![x]", "!!"])("rejects the tag %j", (tag) => {
    expect(() => yamlTag(tag, null)).toThrow(TypeError);
  });
});
