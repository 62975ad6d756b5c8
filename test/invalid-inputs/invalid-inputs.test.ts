import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipecraft } from "../consumers/pipecraft-cli.js";
import { type InvalidInputCase, invalidInputCases } from "./cases.js";
import { createUserProject, readFixture, removeUserProject } from "./user-project.js";

const existingYaml =
  "# a .gitlab-ci.yml from an earlier, successful synth\nbuild:\n  script: [make]\n";

function title(testCase: InvalidInputCase): string {
  const args = testCase.args ?? ["synth"];
  return `${testCase.name}: pipecraft ${args.join(" ")} → exit ${testCase.exitCode}`;
}

// Each invalid input goes through the built CLI in a project of its own, as a user runs it:
// exactly the expected messages, the expected exit code, nothing on stdout, and no output
// written (or the existing .gitlab-ci.yml left as it was).
describe("invalid inputs are refused with a precise message and nothing written", () => {
  it("covers at least 30 cases", () => {
    expect(invalidInputCases.length).toBeGreaterThanOrEqual(30);
  });

  for (const testCase of invalidInputCases) {
    it(title(testCase), async () => {
      const source = testCase.source ?? (await readFixture(testCase.name));
      const project = await createUserProject(source);
      try {
        if (testCase.existingOutput === true) {
          await writeFile(join(project, ".gitlab-ci.yml"), existingYaml);
        }
        const result = await runPipecraft(testCase.args ?? ["synth"], project);
        expect(result.stderr.replaceAll(project, "<project>")).toBe(testCase.stderr);
        expect(result.stdout).toBe("");
        expect(result.exitCode).toBe(testCase.exitCode);
        const files = (await readdir(project)).sort();
        if (testCase.existingOutput === true) {
          expect(files).toEqual([".gitlab-ci.yml", "node_modules", "package.json", "pipeline.ts"]);
          expect(await readFile(join(project, ".gitlab-ci.yml"), "utf8")).toBe(existingYaml);
        } else {
          expect(files).toEqual(["node_modules", "package.json", "pipeline.ts"]);
        }
      } finally {
        await removeUserProject(project);
      }
    });
  }
});
