import { describe, expect, it } from "vitest";
import { globRegExp, ONLY_CHANGES_GLOB, RULES_GLOB } from "../../src/rules/fnmatch.js";

describe("globs with Ruby File.fnmatch semantics (FNM_PATHNAME | FNM_DOTMATCH | FNM_EXTGLOB)", () => {
  it.each<[string, string, boolean]>([
    ["README.md", "README.md", true],
    ["README.md", "docs/README.md", false],
    ["*.md", "README.md", true],
    ["*.md", "docs/README.md", false],
    ["docs/*", "docs/a.md", true],
    ["docs/*", "docs/a/b.md", false],
    // `**` that is not a whole segment followed by `/` is a plain `*`
    ["docs/**", "docs/a/b.md", false],
    ["docs/**", "docs/a.md", true],
    ["docs/**/*", "docs/a/b.md", true],
    ["docs/**/*", "docs/a.md", true],
    ["**/*.js", "a/b/c.js", true],
    ["**/*.js", "c.js", true],
    ["**/*.js", "c.ts", false],
    ["src/**/test/*.ts", "src/test/a.ts", true],
    ["src/**/test/*.ts", "src/x/y/test/a.ts", true],
    // dot files match (FNM_DOTMATCH)
    ["*", ".env", true],
    ["**/*", ".github/workflows/ci.yml", true],
    ["?", "a", true],
    ["?", "/", false],
    ["file?.txt", "file1.txt", true],
    ["[ab].txt", "a.txt", true],
    ["[!ab].txt", "c.txt", true],
    ["[!ab].txt", "a.txt", false],
    ["[^ab].txt", "a.txt", false],
    ["{src,lib}/*.ts", "lib/a.ts", true],
    ["{src,lib}/*.ts", "test/a.ts", false],
    ["*.{yml,yaml}", "a.yaml", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "axb", false],
    ["a.b", "axb", false],
    ["[", "[", true],
  ])("%s vs %s → %j", (glob, path, expected) => {
    expect(globRegExp(glob, RULES_GLOB).test(path)).toBe(expected);
  });

  it("only:changes uses FNM_PATHNAME alone: no dot files, no braces", () => {
    expect(globRegExp("*", ONLY_CHANGES_GLOB).test(".env")).toBe(false);
    expect(globRegExp("**/*.yml", ONLY_CHANGES_GLOB).test(".gitlab/ci.yml")).toBe(false);
    expect(globRegExp("{a,b}", ONLY_CHANGES_GLOB).test("a")).toBe(false);
    expect(globRegExp("{a,b}", ONLY_CHANGES_GLOB).test("{a,b}")).toBe(true);
  });
});
