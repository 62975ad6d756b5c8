// Diagnostics point at the line and column where the mistake was written in the pipeline file,
// found through the syntax tree with the project's own typescript; where the value was computed,
// at the closest literal, saying so.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, run, useProjects } from "./project.js";

const project = useProjects();

const mistakes = `import { extend, pipeline } from "pipecraft";

const base = { image: "node:22", parallel: 500 };

export default pipeline({
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", script: ["make"] },
    test: {
      stage: "test",
      needs: ["biuld"] as never,
      script: ["make test"],
    },
    spread: { ...base, stage: "build", script: ["x"] },
    helper: extend(base, { stage: "tset" as never, script: ["x"] }),
    ...Object.fromEntries(["a"].map((n) => [n, { stage: "build", script: ["x"], timeout: "forever" }])),
  },
}, { templates: "hiden" as never });
`;

const expected = [
  'pipeline.ts:18:6: options.templates: expected one of "expanded", "hidden", got "hiden"; did you mean "hidden"?',
  "pipeline.ts:3:34: jobs.spread.parallel (computed near here): must be at most 200, got 500",
  "pipeline.ts:3:34: jobs.helper.parallel (computed near here): must be at most 200, got 500",
  'pipeline.ts:15:28: jobs.helper.stage (computed near here): stage "tset" is not declared in stages; did you mean "test"?',
  'pipeline.ts:11:15: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?',
  'pipeline.ts:16:5: jobs.a.timeout (computed near here): "forever" is not a duration; write e.g. "1h 30m"',
  "6 errors in pipeline.ts",
  "",
].join("\n");

describe("diagnostics at their place in the pipeline file", () => {
  it("validate and synth name line and column; computed values point at the closest literal", async () => {
    const directory = await project({ "pipeline.ts": mistakes });
    for (const command of ["validate", "synth"]) {
      const result = await run([command], directory);
      expect(result).toEqual({ code: 1, stdout: "", stderr: expected });
    }
  });

  it("follows a job kept in a const, module.exports, and quoted keys", async () => {
    const directory = await project({
      "pipeline.cts": `const { pipeline } = require("pipecraft");
const deploy = {
  stage: "deploy",
  script: ["x"],
  "needs": ["tset"],
};
module.exports = pipeline({
  jobs: { "test job": { script: ["y"] }, deploy },
} as never);
`,
    });
    const result = await run(["validate", "--app", "pipeline.cts"], directory);
    expect(result.stderr).toBe(
      'pipeline.cts:5:13: jobs.deploy.needs[0]: no job named "tset"\n1 error in pipeline.cts\n',
    );
  });

  it("without typescript in the project, the lines name the file alone", async () => {
    // Outside the repository, where no node_modules holds typescript.
    const directory = await mkdtemp(join(tmpdir(), "pipecraft-no-ts-"));
    try {
      await writeFile(join(directory, "package.json"), '{ "type": "module" }\n');
      await writeFile(
        join(directory, "pipeline.ts"),
        `import { pipeline } from ${JSON.stringify(join(repoRoot, "packages/cli/dist/index.js"))};
export default pipeline({ jobs: { test: { needs: ["biuld"] as never, script: ["x"] } } });
`,
      );
      const result = await run(["validate"], directory);
      expect(result).toEqual({
        code: 1,
        stdout: "",
        stderr: 'pipeline.ts: jobs.test.needs[0]: no job named "biuld"\n1 error in pipeline.ts\n',
      });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe("the object form of needs", () => {
  it("reads as the string form: the same did-you-mean, at the entry", async () => {
    const directory = await project({
      "pipeline.ts": `import { pipeline } from "pipecraft";

export default pipeline({
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", script: ["make"] },
    test: { stage: "test", needs: [{ job: "biuld" } as never], script: ["make test"] },
  },
});
`,
    });
    expect(await run(["validate"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'pipeline.ts:7:36: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?\n1 error in pipeline.ts\n',
    });
  });
});

describe("inputs", () => {
  it("are placed at their declaration and at the placeholder", async () => {
    const file = (n: string) => `import { pipeline } from "pipecraft";

export default pipeline({
  spec: {
    inputs: {
      env: { options: ["a", "b"], default: "c" },
      name: { regex: "^x", default: "y" },
      n: { type: "number", default: ${n} } as never,
    },
  },
  jobs: {
    test: { parallel: "$[[ inputs.n ]]" as never, script: ["echo $[[ inputs.nope ]]"] },
  },
});
`;
    const placeholder =
      "pipeline.ts:12:60: jobs.test.script[0]: $[[ inputs.nope ]] names no declared input with a value; declare it in spec:inputs";
    const valid = await project({ "pipeline.ts": file("2") });
    expect(await run(["validate"], valid)).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        'pipeline.ts:6:7: spec.inputs.env: input "env": "c" is not one of the options ["a","b"]',
        'pipeline.ts:7:7: spec.inputs.name: input "name": "y" does not match ^x',
        placeholder,
        "3 errors in pipeline.ts",
        "",
      ].join("\n"),
    });
    // An invalid spec is reported once, at its place: its placeholders are not undeclared.
    const invalid = await project({ "pipeline.ts": file('"two"') });
    expect(await run(["validate"], invalid)).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        placeholder,
        "pipeline.ts:8:28: spec.inputs.n.default: `default` must have the input's `type`",
        "2 errors in pipeline.ts",
        "",
      ].join("\n"),
    });
  });
});
