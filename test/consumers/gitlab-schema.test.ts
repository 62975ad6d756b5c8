import { describe, expect, it } from "vitest";
import { gitlabSchemaPath, sharedMissingReason } from "../support/shared.js";
import { createGitlabSchemaValidator, validateAgainstGitlabSchema } from "./gitlab-schema.js";
import { runPipecraft } from "./pipecraft-cli.js";
import {
  committedPipelines,
  dynamicChildPipeline,
  readCommittedOutput,
} from "./pipeline-sources.js";

const missing = sharedMissingReason(gitlabSchemaPath);
if (missing !== undefined) console.warn(`GitLab schema tests ${missing}`);

describe.skipIf(missing !== undefined)("GitLab's CI schema", () => {
  describe("the validator", () => {
    it("reports a misspelt keyword and a wrong type, with their place", () => {
      const errors = validateAgainstGitlabSchema(
        "build:\n  scirpt: [make]\ntest:\n  script: [make test]\n  parallel: 500\n",
      );
      expect(errors).toContainEqual(
        expect.objectContaining({
          instancePath: "/build",
          message: expect.stringContaining("scirpt"),
        }),
      );
      expect(errors.some((error) => error.instancePath === "/test/parallel")).toBe(true);
    });

    it("accepts what gitlab-ci-local accepts despite the schema's four over-strict constraints", () => {
      const yaml = [
        "include:",
        "  - ci/*.yml",
        "deploy:",
        "  script: [./deploy.sh]",
        "  cache:",
        "    key: $CI_COMMIT_REF_SLUG/deps",
        "    paths: [deps/]",
        "  environment:",
        "    name: ''",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitLab variable, not a JS one
        "    url: ${REVIEW_APP_URL}/path",
        "",
      ].join("\n");
      expect(validateAgainstGitlabSchema(yaml)).toEqual([]);
      // The published schema rejects exactly these four places.
      const strictErrors = createGitlabSchemaValidator({ relaxed: false })(yaml);
      const places = new Set(strictErrors.map((error) => error.instancePath));
      expect([...places].sort()).toEqual(
        expect.arrayContaining([
          "/deploy/cache/key",
          "/deploy/environment/name",
          "/deploy/environment/url",
          "/include/0",
        ]),
      );
    });

    it("reads the spec header document and !reference tags", () => {
      const yaml = [
        "spec:",
        "  inputs:",
        "    stage:",
        "      default: test",
        "---",
        ".setup:",
        "  script: [npm ci]",
        "test:",
        "  script:",
        "    - !reference [.setup, script]",
        "    - npm test",
        "",
      ].join("\n");
      expect(validateAgainstGitlabSchema(yaml)).toEqual([]);
      expect(
        validateAgainstGitlabSchema("spec:\n  inputs: 3\n---\nj:\n  script: [x]\n"),
      ).not.toEqual([]);
    });
  });

  describe("every committed .gitlab-ci.yml validates", () => {
    for (const source of committedPipelines) {
      it(source.label, () => {
        expect(validateAgainstGitlabSchema(readCommittedOutput(source))).toEqual([]);
      });
    }
  });

  it(`the generated child pipeline validates: ${dynamicChildPipeline.label}`, async () => {
    const result = await runPipecraft(
      ["synth", "--stdout", "--app", dynamicChildPipeline.app],
      dynamicChildPipeline.dir,
      dynamicChildPipeline.env,
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("build:worker:");
    expect(validateAgainstGitlabSchema(result.stdout)).toEqual([]);
  });
});
