import { isTaggedValue } from "@pipecraft/emit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizePipeline } from "../../src/normalize.js";
import { reference } from "../../src/reference.js";
import type { Pipeline } from "../../src/schema/index.js";
import { validatePipeline } from "../../src/validate/validate-pipeline.js";
import { untypedDefinition } from "../validate/untyped-definition.js";

const input = {
  stages: ["build", "test"],
  variables: { GLOBAL: "1", UNSET: undefined },
  jobs: {
    test: {
      extends: ".node",
      stage: "test",
      script: [reference(".setup", "script"), "npm test"],
      needs: ["build"],
    },
    ".setup": { script: ["npm ci"] },
    ".node": { image: "node:22", variables: { CI: "true" }, rules: [{ when: "always" }] },
    build: {
      extends: ".node",
      stage: "build",
      script: ["npm run build"],
      rules: null,
      coverage: undefined,
    },
  },
};

describe("normalize (templates expanded, the default)", () => {
  const { pipeline, diagnostics } = validatePipeline(untypedDefinition(input));

  it("applies extends, resolves references, drops hidden jobs and undefined, keeps job order", () => {
    expect(diagnostics).toEqual([]);
    expect(pipeline).toEqual({
      stages: ["build", "test"],
      variables: { GLOBAL: "1" },
      jobs: {
        test: {
          image: "node:22",
          variables: { CI: "true" },
          rules: [{ when: "always" }],
          stage: "test",
          script: ["npm ci", "npm test"],
          needs: ["build"],
        },
        // `rules: null` unsets the inherited rules, and is gone from the output.
        build: {
          image: "node:22",
          variables: { CI: "true" },
          stage: "build",
          script: ["npm run build"],
        },
      },
    });
    expect(Object.keys(pipeline!.jobs)).toEqual(["test", "build"]);
    expect("coverage" in pipeline!.jobs.build!).toBe(false);
  });
});

describe("normalize (templates hidden)", () => {
  it("keeps hidden jobs, extends and !reference as written, minus undefined", () => {
    const { pipeline, diagnostics } = validatePipeline(
      untypedDefinition(input, { templates: "hidden" }),
    );
    expect(diagnostics).toEqual([]);
    expect(Object.keys(pipeline!.jobs)).toEqual(["test", ".setup", ".node", "build"]);
    expect(pipeline!.jobs.test!.extends).toBe(".node");
    expect(isTaggedValue((pipeline!.jobs.test!.script as unknown[])[0])).toBe(true);
    expect(pipeline!.jobs.build!.rules).toBeNull();
    expect("coverage" in pipeline!.jobs.build!).toBe(false);
    expect(pipeline!.variables).toEqual({ GLOBAL: "1" });
  });

  it("still checks the expanded view: a script missing after expansion is an error", () => {
    const jobs = { ".node": { image: "node" }, test: { extends: ".node" } };
    const { pipeline, diagnostics } = validatePipeline(
      untypedDefinition({ jobs }, { templates: "hidden" }),
    );
    expect(pipeline).toBeUndefined();
    expect(diagnostics.map((d) => d.path)).toEqual(["jobs.test"]);
  });
});

describe("normalizePipeline, directly", () => {
  it("defaults to expanded templates", () => {
    const pipeline = {
      jobs: { ".t": { script: ["x"] }, a: { extends: ".t" } },
    } as unknown as Pipeline;
    expect(normalizePipeline(pipeline)).toEqual({ jobs: { a: { script: ["x"] } } });
  });
});

describe("expanded output (property)", () => {
  // Random template forests: hidden templates and jobs, each extending earlier templates.
  const pipelines = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
    .chain(([templates, jobs]) =>
      fc.tuple(
        fc.array(fc.subarray(Array.from({ length: templates }, (_, i) => i)), {
          minLength: templates,
          maxLength: templates,
        }),
        fc.array(fc.subarray(Array.from({ length: templates }, (_, i) => i)), {
          minLength: jobs,
          maxLength: jobs,
        }),
        fc.array(fc.boolean(), { minLength: templates, maxLength: templates }),
      ),
    )
    .map(([templateBases, jobBases, withScript]) => {
      const jobs: Record<string, unknown> = {};
      templateBases.forEach((bases, i) => {
        const earlier = bases.filter((b) => b < i).map((b) => `.t${b}`);
        jobs[`.t${i}`] = {
          ...(earlier.length > 0 ? { extends: earlier } : {}),
          variables: { [`T${i}`]: "x" },
          ...(withScript[i] ? { script: [`echo t${i}`, reference(".setup", "script")] } : {}),
        };
      });
      jobs[".setup"] = { script: ["setup"] };
      jobBases.forEach((bases, i) => {
        jobs[`job${i}`] = {
          ...(bases.length > 0 ? { extends: bases.map((b) => `.t${b}`) } : {}),
          script: [`echo job${i}`],
        };
      });
      return { jobs };
    });

  it("never contains extends, hidden jobs or !reference tags", () => {
    fc.assert(
      fc.property(pipelines, (input) => {
        const { pipeline, diagnostics } = validatePipeline(untypedDefinition(input));
        expect(diagnostics).toEqual([]);
        const jobs = Object.entries(pipeline!.jobs);
        expect(jobs.map(([name]) => name).every((name) => !name.startsWith("."))).toBe(true);
        expect(jobs.every(([, job]) => job.extends === undefined)).toBe(true);
        expect(JSON.stringify(pipeline)).not.toContain("!reference");
        const hasTag = (value: unknown): boolean =>
          isTaggedValue(value) ||
          (typeof value === "object" && value !== null && Object.values(value).some(hasTag));
        expect(hasTag(pipeline)).toBe(false);
      }),
    );
  });
});
