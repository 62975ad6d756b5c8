// Kubernetes 1.34's env name rule (IsRelaxedEnvVarName): checked at synth, at the place.
import { describe, expect, it } from "vitest";
import { envVarNameProblem } from "../src/env-var-name.js";
import { envOf, jobNamed, mainContainer, manifestsOf } from "./synth-helpers.js";

const fix =
  'rename the variable to printable ASCII characters other than "=" (the rule of Kubernetes 1.34), e.g. letters, digits and "_"';

describe("envVarNameProblem", () => {
  it.each([["NAME"], ["my.env-name"], ["1ST"], ["with space"], ["~!@#$%^&*()[]{}<>?/\\|'\";:,`"]])(
    "accepts %j, as the API server does",
    (name) => {
      expect(envVarNameProblem(name)).toBeUndefined();
    },
  );

  it.each([
    ["", "it is empty"],
    ["A=B", 'it contains "="'],
    ["Ä", "it contains U+00C4, which is not ASCII"],
    ["A\tB", "it contains the control character U+0009"],
    ["A\u007f", "it contains the control character U+007F"],
    ["A\nB", "it contains the control character U+000A"],
    ["😀", "it contains U+1F600, which is not ASCII"],
  ])("rejects %j: %s", (name, problem) => {
    expect(envVarNameProblem(name)).toBe(problem);
  });

  it("every character from U+0000 to U+00FF: exactly printable ASCII but '=' passes", () => {
    for (let code = 0; code <= 0xff; code++) {
      const accepted = code >= 0x20 && code <= 0x7e && code !== 0x3d;
      expect(envVarNameProblem(String.fromCharCode(code)) === undefined, `U+${code}`).toBe(
        accepted,
      );
    }
  });
});

describe("variable names the API server rejects are errors at synth", () => {
  it("names the place and the fix, for pipeline, job and matrix variables", () => {
    const manifests = manifestsOf({
      variables: { "": "empty", "A=B": "x", "with space": "kept" },
      jobs: {
        test: {
          image: "alpine",
          script: ["true"],
          variables: { "TAB\tNAME": "x", ÜBER: "x" },
          parallel: { matrix: [{ "BELL\u0007": ["1"] }] },
        },
      },
    });
    expect(manifests.diagnostics.map((d) => `${d.severity} ${d.path}: ${d.message}`)).toEqual([
      `error variables[""]: Kubernetes rejects this variable name: it is empty; ${fix}`,
      `error variables["A=B"]: Kubernetes rejects this variable name: it contains "="; ${fix}`,
      `error jobs.test.variables["TAB\\tNAME"]: Kubernetes rejects this variable name: it contains the control character U+0009; ${fix}`,
      `error jobs.test.variables["ÜBER"]: Kubernetes rejects this variable name: it contains U+00DC, which is not ASCII; ${fix}`,
      `error jobs.test.parallel.matrix["BELL\\u0007"]: Kubernetes rejects this variable name: it contains the control character U+0007; ${fix}`,
    ]);
    // A name Kubernetes accepts, though no shell can read it, is kept.
    expect(envOf(mainContainer(jobNamed(manifests, "app-test-1")))).toMatchObject({
      "with space": "kept",
    });
  });
});
