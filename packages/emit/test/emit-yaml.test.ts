import { describe, expect, it } from "vitest";
import { emitYaml, emitYamlDocuments, yamlTag } from "../src/index.js";

describe("emitYaml layout", () => {
  it("writes a GitLab-like document in block style, keys in insertion order", () => {
    const text = emitYaml({
      stages: ["build", "test"],
      variables: { NPM_CONFIG_CACHE: ".npm", DEBUG: "false" },
      build: {
        stage: "build",
        image: "node:22-alpine",
        rules: [
          { if: '$CI_COMMIT_BRANCH == "main"' },
          { if: "$CI_PIPELINE_SOURCE == 'merge_request_event'", when: "manual" },
        ],
        script: ["npm ci", "npm run build", yamlTag("!reference", [".setup", "script"])],
        artifacts: { paths: ["dist/"], expire_in: "1 week", reports: { junit: "junit.xml" } },
        allow_failure: false,
        parallel: 3,
      },
    });
    expect(text).toBe(
      [
        "stages:",
        "  - build",
        "  - test",
        "variables:",
        "  NPM_CONFIG_CACHE: .npm",
        "  DEBUG: 'false'",
        "build:",
        "  stage: build",
        "  image: node:22-alpine",
        "  rules:",
        '    - if: $CI_COMMIT_BRANCH == "main"',
        "    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'",
        "      when: manual",
        "  script:",
        "    - npm ci",
        "    - npm run build",
        "    - !reference [.setup, script]",
        "  artifacts:",
        "    paths:",
        "      - dist/",
        "    expire_in: 1 week",
        "    reports:",
        "      junit: junit.xml",
        "  allow_failure: false",
        "  parallel: 3",
        "",
      ].join("\n"),
    );
  });

  it("writes empty collections in flow style and skips undefined entries", () => {
    expect(emitYaml({ a: {}, b: [], c: undefined, d: { e: undefined }, f: [{}, []] })).toBe(
      "a: {}\nb: []\nd: {}\nf:\n  - {}\n  - []\n",
    );
    expect(emitYaml({})).toBe("{}\n");
    expect(emitYaml([])).toBe("[]\n");
  });

  it("writes sequences of maps and of sequences in compact form", () => {
    expect(emitYaml([{ a: 1, b: [{ c: null }] }, [true, [2]]])).toBe(
      "- a: 1\n  b:\n    - c: null\n- - true\n  - - 2\n",
    );
  });

  it("writes scalars at the root", () => {
    expect(emitYaml("plain")).toBe("plain\n");
    expect(emitYaml("two\nlines")).toBe('"two\\nlines"\n');
    expect(emitYaml(null)).toBe("null\n");
    expect(emitYaml(-0)).toBe("-0.0\n");
  });
});

describe("emitYaml numbers", () => {
  it.each([
    [0, "0"],
    [42, "42"],
    [-7, "-7"],
    [1.5, "1.5"],
    [-0, "-0.0"],
    [1e21, "1.0e+21"],
    [1e-7, "1.0e-7"],
    [2.5e-7, "2.5e-7"],
    [Number.POSITIVE_INFINITY, ".inf"],
    [Number.NEGATIVE_INFINITY, "-.inf"],
    [Number.NaN, ".nan"],
  ])("%s is written as %s", (n, text) => {
    expect(emitYaml({ x: n })).toBe(`x: ${text}\n`);
  });
});

describe("emitYaml strings", () => {
  it.each([
    ["npm ci", "npm ci"],
    ["node:22-alpine", "node:22-alpine"],
    ["dist/", "dist/"],
    ["--verbose", "--verbose"],
    ["on", "'on'"],
    ["1.2.3", "'1.2.3'"],
    ["", "''"],
    ["a: b", "'a: b'"],
    ["'quoted'", `"'quoted'"`],
    ["*.js", "'*.js'"],
    ["a\tb", '"a\\tb"'],
    ["\u2028", '"\\u2028"'],
    ["\x85", '"\\x85"'],
    ["\ufeff", '"\\uFEFF"'],
    ["\x1b[0m", '"\\x1B[0m"'],
    ["x\r\ny", '"x\\r\\ny"'],
    ["日本語", "日本語"],
  ])("%j is written as %s", (s, text) => {
    expect(emitYaml({ s })).toBe(`s: ${text}\n`);
  });

  it("quotes keys by the same rule", () => {
    expect(emitYaml({ on: 1, "a b": 2, ".hidden": 3, "1": 4, "x\ny": 5 })).toBe(
      "'1': 4\n'on': 1\na b: 2\n.hidden: 3\n\"x\\ny\": 5\n",
    );
  });

  it("writes very long keys as explicit keys", () => {
    const key = "k".repeat(1500);
    expect(emitYaml({ [key]: [1] })).toBe(`? ${key}\n:\n  - 1\n`);
  });
});

describe("emitYaml literal blocks", () => {
  it("chooses chomping that keeps trailing line breaks", () => {
    expect(emitYaml({ s: "a\nb" })).toBe("s: |-\n  a\n  b\n");
    expect(emitYaml({ s: "a\nb\n" })).toBe("s: |\n  a\n  b\n");
    expect(emitYaml({ s: "a\nb\n\n" })).toBe("s: |+\n  a\n  b\n\nt: 1\n".replace("t: 1\n", ""));
    expect(emitYaml({ s: "a\n\n\n", t: 1 })).toBe("s: |+\n  a\n\n\nt: 1\n");
  });

  it("keeps empty and space-only lines", () => {
    expect(emitYaml({ s: "\na\n\n  \nb" })).toBe("s: |-\n\n  a\n\n    \n  b\n");
  });

  it("indents under sequence items and gives the indentation when a line starts blank", () => {
    expect(emitYaml({ script: ["  indented\nx", "\tx\ny"] })).toBe(
      "script:\n  - |2-\n      indented\n    x\n  - |2-\n    \tx\n    y\n",
    );
  });

  it("falls back to double quotes for what a block cannot hold", () => {
    expect(emitYaml({ s: "a\r\nb" })).toBe('s: "a\\r\\nb"\n');
    expect(emitYaml({ s: "a\n\u2028" })).toBe('s: "a\\n\\u2028"\n');
    expect(emitYaml({ s: "\n\n" })).toBe('s: "\\n\\n"\n');
  });
});

describe("emitYaml tags, header and documents", () => {
  it("writes !reference as a flow sequence, quoting where needed", () => {
    expect(emitYaml({ a: yamlTag("!reference", [".setup", "before script", "x?"]) })).toBe(
      "a: !reference [.setup, 'before script', 'x?']\n",
    );
  });

  it("writes other tagged values after the tag", () => {
    expect(emitYaml([yamlTag("!env", "HOME"), yamlTag("!m", { a: 1 }), yamlTag("!e", {})])).toBe(
      "- !env HOME\n- !m\n  a: 1\n- !e {}\n",
    );
    expect(emitYaml({ k: yamlTag("!s", [[1]]) })).toBe("k: !s\n  - - 1\n");
  });

  it("writes header comment lines first", () => {
    expect(emitYaml({ a: 1 }, { headerComment: ["Generated.", "", "Do not edit.\nReally."] })).toBe(
      "# Generated.\n#\n# Do not edit.\n# Really.\na: 1\n",
    );
  });

  it("separates documents with ---", () => {
    expect(emitYamlDocuments([{ spec: { inputs: {} } }, { a: 1 }], { headerComment: ["h"] })).toBe(
      "# h\nspec:\n  inputs: {}\n---\na: 1\n",
    );
    expect(emitYamlDocuments([])).toBe("");
  });

  it("blankLineBetweenTopLevelKeys puts one empty line between top-level entries, nowhere else", () => {
    const value = {
      stages: ["a"],
      build: { script: ["x"], variables: { A: "1" } },
      skip: undefined,
      test: 1,
    };
    const spaced = emitYaml(value, { blankLineBetweenTopLevelKeys: true, headerComment: ["h"] });
    expect(spaced).toBe(
      "# h\nstages:\n  - a\n\nbuild:\n  script:\n    - x\n  variables:\n    A: '1'\n\ntest: 1\n",
    );
    // The same lines as without it, only the empty ones added.
    expect(spaced.replaceAll("\n\n", "\n")).toBe(emitYaml(value, { headerComment: ["h"] }));
    expect(
      emitYamlDocuments([{ spec: { inputs: {} } }, { a: 1, b: 2 }], {
        blankLineBetweenTopLevelKeys: true,
      }),
    ).toBe("spec:\n  inputs: {}\n---\na: 1\n\nb: 2\n");
    expect(emitYaml([1, 2], { blankLineBetweenTopLevelKeys: true })).toBe("- 1\n- 2\n");
    expect(emitYaml({}, { blankLineBetweenTopLevelKeys: true })).toBe("{}\n");
    // After a value that keeps its trailing line breaks (|+), an empty line would be read as
    // part of it: none there.
    expect(emitYaml({ a: "x\n\n", b: 1, c: 2 }, { blankLineBetweenTopLevelKeys: true })).toBe(
      "a: |+\n  x\n\nb: 1\n\nc: 2\n",
    );
  });
});
