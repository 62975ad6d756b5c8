// Random valid pipelines through the Kubernetes target: it never throws, it is deterministic, its
// only errors are ones a user can act on (no image, name collisions …), and when there are none
// every object it emits validates against the Kubernetes OpenAPI schema.
import fc from "fast-check";
import { loadAll } from "js-yaml";
import { pipeline, synthKubernetes, validatePipeline } from "pipecraft";
import { describe, expect, it } from "vitest";
import { kubernetesSchemaErrors } from "../consumers/kubernetes-openapi.js";
import { validPipelineInput } from "./pipeline-arbitrary.js";

// What the target may refuse in a pipeline GitLab accepts: each message says how to fix it.
const ACTIONABLE = [
  /^no image, and Kubernetes has no runner default image; set image/,
  /both become the Kubernetes Job "[^"]+"; rename one of them$/,
  /^the service alias "[^"]*" (cannot name a container|gives the same container name)/,
  /^Kubernetes needs a numeric user \(runAsUser\)/,
];

describe("random valid pipelines on the Kubernetes target", () => {
  it("synthesize deterministically to objects the Kubernetes schema accepts", () => {
    let emitted = 0;
    fc.assert(
      fc.property(validPipelineInput, (input) => {
        const { pipeline: model } = validatePipeline(pipeline(input));
        if (model === undefined) return;
        const first = synthKubernetes(model, { name: "prop" });
        expect(synthKubernetes(model, { name: "prop" })).toEqual(first);
        for (const diagnostic of first.diagnostics.filter((d) => d.severity === "error")) {
          expect(
            ACTIONABLE.some((pattern) => pattern.test(diagnostic.message)),
            diagnostic.message,
          ).toBe(true);
        }
        if (first.output === undefined) return;
        emitted++;
        const errors = loadAll(first.output).flatMap((object) => kubernetesSchemaErrors(object));
        expect(errors).toEqual([]);
      }),
      { numRuns: 200 },
    );
    // The property is not vacuous: most random pipelines do reach the schema check.
    expect(emitted).toBeGreaterThan(50);
  });
});
