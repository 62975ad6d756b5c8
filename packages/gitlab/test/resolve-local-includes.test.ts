import { formatDiagnostic } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { parseGitlabYaml, resolveLocalIncludes } from "../src/index.js";

function sourceOf(files: Record<string, string>, variables: Record<string, string> = {}) {
  return { readFile: (path: string) => files[path], files: () => Object.keys(files), variables };
}

describe("resolveLocalIncludes", () => {
  it("deep-merges included files in order, the including file winning", () => {
    const files = {
      "a.yml": "variables: { A: a, B: a }\njob:\n  script: [a]\n  variables: { X: a, Y: a }\n",
      "b.yml": "variables: { B: b }\njob:\n  variables: { Y: b }\n",
    };
    const { pipeline, diagnostics } = resolveLocalIncludes(
      "include: [a.yml, {local: /b.yml}]\njob:\n  variables: { X: main }\n",
      sourceOf(files),
    );
    expect(diagnostics).toEqual([]);
    expect(pipeline).toEqual({
      variables: { A: "a", B: "b" },
      jobs: { job: { script: ["a"], variables: { X: "main", Y: "b" } } },
    });
  });

  it("expands wildcards, evaluates rules, and keeps other includes unresolved", () => {
    const files = {
      "ci/one.yml": "one: { script: [one] }\n",
      "ci/two.yml": "two: { script: [two] }\n",
      "ci/when.yml": "when-main: { script: [w] }\n",
      "ci/exists.yml": "exists: { script: [e] }\n",
    };
    const { pipeline } = resolveLocalIncludes(
      `include:
  - local: ci/*.yml
    rules: [{ exists: [ci/one.yml] }]
  - local: ci/when.yml
    rules: [{ if: '$CI_COMMIT_BRANCH == "dev"' }]
  - template: Security/SAST.gitlab-ci.yml
`,
      sourceOf(files, { CI_COMMIT_BRANCH: "main" }),
    );
    expect(Object.keys(pipeline.jobs)).toEqual(["exists", "one", "two", "when-main"]);
    expect(pipeline.include).toEqual([{ template: "Security/SAST.gitlab-ci.yml" }]);
  });

  it("reports a missing file, a cycle and a wrong input", () => {
    const files = {
      "a.yml": "include: b.yml\n",
      "b.yml": "include: a.yml\n",
      "i.yml": "spec:\n  inputs:\n    n: { type: number }\n---\nj:\n  parallel: $[[ inputs.n ]]\n",
    };
    const { diagnostics } = resolveLocalIncludes(
      "include: [missing.yml, a.yml, {local: i.yml, inputs: {n: two}}]\n",
      sourceOf(files),
    );
    expect(diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      [
        "include/not-found",
        "include[0]",
        'local include "missing.yml" matches no file in the repository',
      ],
      ["include/cycle", "include[0]", "include cycle: a.yml → b.yml → a.yml"],
      ["inputs/invalid", "include[2].inputs.n", 'input "n": expected a number, got "two"'],
      [
        "inputs/unknown-placeholder",
        "i.yml: j.parallel",
        "$[[ inputs.n ]] names no declared input with a value; declare it in spec:inputs",
      ],
    ]);
  });
});

describe("an override of a declared included job", () => {
  it("synthesizes to exactly what the user wrote", async () => {
    const { included, pipeline, validatePipeline } = await import("@pipecraft/core");
    const { synthGitlab, parseGitlabYaml } = await import("../src/index.js");
    const definition = pipeline({
      include: [included({ template: "Security/SAST.gitlab-ci.yml" }, { jobs: ["semgrep-sast"] })],
      jobs: { "semgrep-sast": { variables: { X: "1" } } },
    });
    const { pipeline: model, diagnostics } = validatePipeline(definition);
    expect(diagnostics.map((d) => d.severity)).toEqual(["warning"]);
    expect(parseGitlabYaml(synthGitlab(model!).output ?? "")).toEqual({
      include: [{ template: "Security/SAST.gitlab-ci.yml" }],
      jobs: { "semgrep-sast": { variables: { X: "1" } } },
    });
  });
});

describe("duplicate keys", () => {
  const text = [
    "job:",
    "  script: [first]",
    "  variables:",
    "    A: 1",
    "    A: 2",
    "  script: [last]",
    "<<: {}",
    "include: b.yml",
  ].join("\n");

  it("are read as GitLab reads them: the last one wins", () => {
    expect(parseGitlabYaml("a:\n  script: [x]\na:\n  script: [y]\n")).toEqual({
      jobs: { a: { script: ["y"] } },
    });
  });

  it("are warnings naming the file, the line and the key, in every file read", () => {
    const files = { "b.yml": "other:\n  script: [a]\n  needs: []\n  script: [b]\n" };
    const { pipeline, diagnostics } = resolveLocalIncludes(text, sourceOf(files));
    expect(pipeline.jobs.job).toEqual({ script: ["last"], variables: { A: 2 } });
    expect(pipeline.jobs.other).toEqual({ script: ["b"], needs: [] });
    expect(diagnostics.map((d) => [d.severity, d.code, formatDiagnostic(d)])).toEqual([
      [
        "warning",
        "yaml/duplicate-key",
        ".gitlab-ci.yml:5:5: warning: duplicate key job.variables.A (first at line 4); GitLab keeps this last one",
      ],
      [
        "warning",
        "yaml/duplicate-key",
        ".gitlab-ci.yml:6:3: warning: duplicate key job.script (first at line 2); GitLab keeps this last one",
      ],
      [
        "warning",
        "yaml/duplicate-key",
        "b.yml:4:3: warning: duplicate key other.script (first at line 2); GitLab keeps this last one",
      ],
    ]);
  });

  it("do not count merge keys: `<<: *a` then `<<: *b` merges both", () => {
    const { pipeline, diagnostics } = resolveLocalIncludes(
      ".a: &a { stage: test }\n.b: &b { script: [x] }\nj:\n  <<: *a\n  <<: *b\n",
      sourceOf({}),
    );
    expect(diagnostics).toEqual([]);
    expect(pipeline.jobs.j).toEqual({ stage: "test", script: ["x"] });
  });

  it("name the including file as the caller calls it, and list items by index", () => {
    const { diagnostics } = resolveLocalIncludes("job:\n  rules:\n    - if: $A\n      if: $B\n", {
      ...sourceOf({}),
      file: "ci/main.yml",
    });
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      "ci/main.yml:4:7: warning: duplicate key job.rules[0].if (first at line 3); GitLab keeps this last one",
    ]);
  });
});

describe("remote and template includes the caller fetched", () => {
  const main =
    "include:\n  - template: A.yml\n  - remote: https://x.test/b.yml\n    rules: [{ if: $NO }]\n  - remote: https://x.test/c.yml\n  - project: g/p\n    file: d.yml\njob:\n  needs: [a, c]\n  script: [x]\n";

  it("are merged like local files; what was not fetched is listed and kept", () => {
    const texts: Record<string, string> = {
      "template:A.yml": "a:\n  script: [a]\n  script: [again]\n",
      "remote:https://x.test/b.yml": "b:\n  script: [b]\n",
    };
    const { pipeline, diagnostics, unfetched } = resolveLocalIncludes(main, {
      ...sourceOf({}),
      fetched: (include) => texts[`${include.kind}:${include.location}`],
    });
    expect(Object.keys(pipeline.jobs)).toEqual(["a", "job"]);
    expect(pipeline.jobs.a).toEqual({ script: ["again"] });
    expect(pipeline.include).toEqual([
      { remote: "https://x.test/c.yml" },
      { project: "g/p", file: "d.yml" },
    ]);
    expect(unfetched).toEqual([{ kind: "remote", location: "https://x.test/c.yml" }]);
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      "A.yml:3:3: warning: duplicate key a.script (first at line 2); GitLab keeps this last one",
    ]);
  });

  it("stay as written, and unlisted, when nothing is fetched (synth)", () => {
    const { pipeline, unfetched } = resolveLocalIncludes(main, sourceOf({}));
    expect(pipeline.include).toHaveLength(4);
    expect(unfetched).toEqual([]);
  });

  it("name the included file whose YAML is broken", () => {
    expect(() =>
      resolveLocalIncludes("include: [{ template: A.yml }]\n", {
        ...sourceOf({}),
        fetched: () => "a: [\n",
      }),
    ).toThrow(/^A\.yml: Flow sequence/);
  });
});

describe("place: where a path of the merged pipeline was written", () => {
  const files = {
    "ci/base.yml":
      "stages: [build]\n.tpl: &tpl\n  stage: build\n  script:\n    - [a, b]\n    - c\nbuild:\n  stage: build\n  image: alpine\n",
  };
  const main = [
    "include: ci/base.yml", // 1
    "build:", // 2
    "  script: [make]", // 3
    ".y: &y", // 4
    "  stage: deploy", // 5
    "x:", // 6
    "  <<: *y", // 7
    "  needs: [build]", // 8
  ].join("\n");
  const { place } = resolveLocalIncludes(main, sourceOf(files));

  it("places a key at the key, in the file that gave the value", () => {
    expect(place(["jobs", "build", "script"])).toEqual({
      file: ".gitlab-ci.yml",
      line: 3,
      column: 3,
    });
    expect(place(["jobs", "build", "image"])).toEqual({ file: "ci/base.yml", line: 9, column: 3 });
    expect(place(["stages", 0])).toEqual({ file: "ci/base.yml", line: 1, column: 10 });
  });

  it("follows merge keys and aliases to the anchored node, and flattens nested lists", () => {
    expect(place(["jobs", "x", "stage"])).toEqual({ file: ".gitlab-ci.yml", line: 5, column: 3 });
    expect(place(["jobs", "x", "needs", 0])).toEqual({
      file: ".gitlab-ci.yml",
      line: 8,
      column: 11,
    });
    expect(place(["jobs", ".tpl", "script", 1])).toEqual({
      file: "ci/base.yml",
      line: 5,
      column: 11,
    });
    expect(place(["jobs", ".tpl", "script", 2])).toEqual({
      file: "ci/base.yml",
      line: 6,
      column: 7,
    });
  });

  it("stops at the deepest node written, and is undefined when nothing is", () => {
    expect(place(["jobs", "build", "script", 7])).toEqual({
      file: ".gitlab-ci.yml",
      line: 3,
      column: 3,
    });
    expect(place(["jobs", "nope"])).toBeUndefined();
  });
});
