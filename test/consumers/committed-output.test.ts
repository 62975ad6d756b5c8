import { describe, expect, it } from "vitest";
import { runPipecraft } from "./pipecraft-cli.js";
import { committedPipelines } from "./pipeline-sources.js";

// Each committed .gitlab-ci.yml must be exactly what `pipecraft synth` writes from its
// pipeline.ts today: the same command CI runs (`synth --check`), through the built binary.
describe("committed .gitlab-ci.yml files are current", () => {
  for (const source of committedPipelines) {
    it(source.label, async () => {
      const result = await runPipecraft(
        ["synth", "--check", "--app", source.app, "--out", source.committedOutput ?? ""],
        source.dir,
        source.env,
      );
      expect(result.stdout, "the diff --check printed").toBe("");
      expect(result.stderr).toMatch(/^\.gitlab-ci\.yml is up to date \(.+\)\n$/);
      expect(result.exitCode).toBe(0);
    });
  }
});
