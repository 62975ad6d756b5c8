// A random valid pipeline, synthesized, imported and synthesized again, gives the same bytes:
// synth ∘ import is the identity on synth's own output. The imported files are loaded as a
// user's pipeline.ts is (a module importing `pipecraft`).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isPipelineDefinition, pipeline, validatePipeline } from "@pipecraft/core";
import { synthGitlab } from "@pipecraft/gitlab";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validPipelineInput } from "../../../test/property/pipeline-arbitrary.js";
import { repoRoot } from "../../../test/support/shared.js";
import { importGitlabYaml } from "../src/index.js";

const outRoot = join(repoRoot, ".tmp/import-property");

beforeAll(() => {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(join(outRoot, "node_modules"), { recursive: true });
  symlinkSync(join(repoRoot, "packages/cli"), join(outRoot, "node_modules/pipecraft"), "dir");
  writeFileSync(join(outRoot, "package.json"), '{ "type": "module" }\n');
});
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

/** The GitLab YAML of a validated definition; fails with the first error otherwise. */
function synthesized(definition: unknown): string {
  if (!isPipelineDefinition(definition)) throw new Error("not a pipeline() value");
  const { pipeline: model, diagnostics } = validatePipeline(definition);
  if (model === undefined) throw new Error(diagnostics[0]?.message ?? "invalid");
  return synthGitlab(model).output ?? "";
}

describe("random valid pipelines", () => {
  it("synth → import → synth is a fixed point (same bytes)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(validPipelineInput, async (input) => {
        const yaml = synthesized(pipeline(input));
        const { files, diagnostics } = importGitlabYaml(yaml);
        expect(diagnostics).toEqual([]);
        const path = join(outRoot, `pipeline-${run++}.ts`);
        writeFileSync(path, files[0]!.text);
        const module = (await import(pathToFileURL(path).href)) as { default: unknown };
        expect(synthesized(module.default)).toBe(yaml);
      }),
      { numRuns: 40 },
    );
  });
});
