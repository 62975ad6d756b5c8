import { describe, expect, it } from "vitest";
import { runPipecraft } from "./pipecraft-cli.js";
import { committedPipelines, examplePipelines } from "./pipeline-sources.js";

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

// The same for the Kubernetes manifests (and Kaniko build pods) committed beside each example,
// checked the way a user runs it in the example's folder: default output file, and the names
// from the example's package.json.
describe("committed kubernetes.yaml and kaniko.yaml files are current", () => {
  it("every example has a committed kubernetes.yaml", () => {
    for (const source of examplePipelines) {
      expect(source.committedManifests.map((manifests) => manifests.target)).toContain(
        "kubernetes",
      );
    }
  });

  for (const source of examplePipelines) {
    for (const { target, file } of source.committedManifests) {
      it(`${source.label}/${file}`, async () => {
        const result = await runPipecraft(
          ["synth", "--target", target, "--check"],
          source.dir,
          source.env,
        );
        expect(result.stdout, "the diff --check printed").toBe("");
        // Keywords with no Kubernetes meaning are reported as warnings before the verdict.
        const lines = result.stderr.trimEnd().split("\n");
        const counts =
          target === "kaniko" ? "\\d+ jobs?, \\d+ build pods?" : "\\d+ jobs?, \\d+ objects?";
        expect(lines.at(-1)).toMatch(
          new RegExp(`^${file.replace(".", "\\.")} is up to date \\(${counts}\\)$`),
        );
        for (const line of lines.slice(0, -1)) {
          expect(line).toMatch(
            /^pipeline\.ts(:\d+:\d+)?: \S+( \(computed near here\))?: warning: |^\d+ warnings? in pipeline\.ts$/,
          );
        }
        expect(result.exitCode).toBe(0);
      });
    }
  }
});
