// pathKey: the name of a pipeline file's compiled module in the cache, without node:crypto.
import { describe, expect, it } from "vitest";
import { pathKey } from "../src/load/path-key.js";

describe("pathKey", () => {
  it("is FNV-1a of the text's UTF-8 bytes, 64 bits as 16 hex characters", () => {
    // The published FNV-1a 64 test vectors.
    expect(pathKey("")).toBe("cbf29ce484222325");
    expect(pathKey("a")).toBe("af63dc4c8601ec8c");
    expect(pathKey("foobar")).toBe("85944171f73967e8");
  });

  it("tells apart paths that differ in one character, including non-ASCII ones", () => {
    const paths = ["/p/pipeline.ts", "/p/pipeline.mts", "/q/pipeline.ts", "/p/pipéline.ts"];
    expect(new Set(paths.map(pathKey)).size).toBe(paths.length);
    expect(pathKey("/p/pipéline.ts")).toMatch(/^[0-9a-f]{16}$/);
  });
});
