import { validatePipeline } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { kubernetesEnvValue } from "../src/kubernetes-env-value.js";
import { envOf, jobNamed, mainContainer, manifestsOf } from "./synth-helpers.js";

describe("variables → env", () => {
  it("applies GitLab's precedence: pipeline < job < matrix, each name once", () => {
    const manifests = manifestsOf({
      variables: { LEVEL: "pipeline", ONLY_PIPELINE: "p", NUMBER: 3 },
      jobs: {
        build: {
          image: "alpine",
          script: ["env"],
          variables: { LEVEL: "job", ONLY_JOB: { value: "j" } },
          parallel: { matrix: [{ LEVEL: ["matrix-a", "matrix-b"] }] },
        },
      },
    });
    const env = mainContainer(jobNamed(manifests, "app-build-matrix-a")).env ?? [];
    expect(env.filter((v) => v.name === "LEVEL")).toEqual([{ name: "LEVEL", value: "matrix-a" }]);
    expect(envOf(mainContainer(jobNamed(manifests, "app-build-matrix-b"))).LEVEL).toBe("matrix-b");
    expect(envOf(mainContainer(jobNamed(manifests, "app-build-matrix-a")))).toMatchObject({
      ONLY_PIPELINE: "p",
      ONLY_JOB: "j",
      NUMBER: "3",
    });
  });

  it("honours inherit.variables (false, or a list)", () => {
    const manifests = manifestsOf({
      variables: { A: "a", B: "b" },
      jobs: {
        none: { image: "alpine", script: ["env"], inherit: { variables: false } },
        some: { image: "alpine", script: ["env"], inherit: { variables: ["B"] } },
      },
    });
    const none = envOf(mainContainer(jobNamed(manifests, "app-none")));
    const some = envOf(mainContainer(jobNamed(manifests, "app-some")));
    expect([none.A, none.B]).toEqual([undefined, undefined]);
    expect([some.A, some.B]).toEqual([undefined, "b"]);
  });

  it("sets the predefined variables that mean something off GitLab", () => {
    const manifests = manifestsOf(
      {
        stages: ["build", "test"],
        jobs: {
          test: {
            stage: "test",
            image: "alpine",
            script: ["env"],
            parallel: { matrix: [{ OS: ["linux", "mac"] }] },
          },
          shard: { stage: "test", image: "alpine", script: ["env"], parallel: 4 },
        },
      },
      { runId: "42" },
    );
    const test = mainContainer(jobNamed(manifests, "app-test-mac"));
    expect(envOf(test)).toMatchObject({
      CI: "true",
      CI_JOB_NAME: "test: [mac]",
      CI_JOB_STAGE: "test",
      CI_PROJECT_DIR: "/builds/app",
      CI_PROJECT_NAME: "app",
      CI_NODE_INDEX: "2",
      CI_NODE_TOTAL: "2",
    });
    // CI_PIPELINE_ID comes from the Pod's run-id label, so a runtime can set it per run.
    expect(test.env?.find((v) => v.name === "CI_PIPELINE_ID")?.valueFrom).toEqual({
      fieldRef: { fieldPath: "metadata.labels['pipecraft.dev/run-id']" },
    });
    expect(
      jobNamed(manifests, "app-test-mac").spec?.template.metadata?.labels?.["pipecraft.dev/run-id"],
    ).toBe("42");
    const shard = envOf(mainContainer(jobNamed(manifests, "app-shard")));
    expect([shard.CI_NODE_TOTAL, shard.CI_NODE_INDEX]).toEqual(["4", undefined]);
  });

  it("kubernetes.variables stand in for GitLab's predefined variables, under the pipeline's own", () => {
    const manifests = manifestsOf({
      variables: {
        IMAGE: "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA",
        CI_COMMIT_SHORT_SHA: "from-variables",
      },
      kubernetes: {
        variables: {
          CI_REGISTRY_IMAGE: "registry.local/$CI_PROJECT_NAME",
          CI_COMMIT_SHORT_SHA: "dev",
        },
      },
      jobs: {
        build: {
          image: "alpine",
          script: ["env"],
          kubernetes: { variables: { CI_PROJECT_NAME: "renamed" } },
        },
      },
    });
    const env = mainContainer(jobNamed(manifests, "app-build")).env ?? [];
    const byName = Object.fromEntries(env.map((v) => [v.name, v.value]));
    expect(byName).toMatchObject({
      CI_REGISTRY_IMAGE: "registry.local/$(CI_PROJECT_NAME)",
      CI_PROJECT_NAME: "renamed",
      CI_COMMIT_SHORT_SHA: "from-variables",
      IMAGE: "$(CI_REGISTRY_IMAGE):$(CI_COMMIT_SHORT_SHA)",
    });
    // Kubernetes expands $(NAME) only from earlier entries: the referenced names come first.
    const position = (name: string) => env.findIndex((v) => v.name === name);
    expect(position("CI_PROJECT_NAME")).toBeLessThan(position("CI_REGISTRY_IMAGE"));
    expect(position("CI_REGISTRY_IMAGE")).toBeLessThan(position("IMAGE"));
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and GitLab variable syntax
  it("rewrites $VAR and ${VAR} references to Kubernetes' $(VAR) when the variable is defined earlier", () => {
    const manifests = manifestsOf({
      variables: {
        CACHE: "$CI_PROJECT_DIR/.npm",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and GitLab variable syntax
        LATER_REF: "${LATER}/x",
        LATER: "l",
        LITERAL: { value: "$CACHE", expand: false },
      },
      jobs: { build: { image: "alpine", script: ["env"] } },
    });
    const env = envOf(mainContainer(jobNamed(manifests, "app-build")));
    expect(env.CACHE).toBe("$(CI_PROJECT_DIR)/.npm");
    // Kubernetes only expands variables defined before; GitLab's order is kept, so this stays literal.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and GitLab variable syntax
    expect(env.LATER_REF).toBe("${LATER}/x");
    expect(env.LITERAL).toBe("$CACHE");
  });

  it.each([
    ["$A/x", "$(A)/x"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and GitLab variable syntax
    ["${A}x", "$(A)x"],
    ["$UNKNOWN", "$UNKNOWN"],
    ["$$A", "$A"],
    ["$$$A", "$$$(A)"],
    ["price $(date)", "price $$(date)"],
    ["$$(A)", "$$(A)"],
    ["a$", "a$"],
  ])("value %j becomes %j", (value, expected) => {
    expect(kubernetesEnvValue(value, new Set(["A"]), true)).toBe(expected);
  });

  it("with expand: false keeps every $ literal for Kubernetes too", () => {
    expect(kubernetesEnvValue("$A $(A) $$", new Set(["A"]), false)).toBe("$A $$(A) $$$");
  });
});

describe("secrets", () => {
  it("become secretKeyRef entries, never values, from the pipeline and the job", () => {
    const manifests = manifestsOf({
      kubernetes: { secrets: { REGISTRY_PASSWORD: { name: "registry", key: "password" } } },
      jobs: {
        deploy: {
          image: "alpine",
          script: ['curl -u "deploy:$DB_PASSWORD" https://example.com'],
          kubernetes: { secrets: { DB_PASSWORD: { name: "db", key: "password", optional: true } } },
        },
      },
    });
    const env = mainContainer(jobNamed(manifests, "app-deploy")).env ?? [];
    expect(env.filter((v) => v.valueFrom?.secretKeyRef)).toEqual([
      {
        name: "REGISTRY_PASSWORD",
        valueFrom: { secretKeyRef: { name: "registry", key: "password" } },
      },
      {
        name: "DB_PASSWORD",
        valueFrom: { secretKeyRef: { name: "db", key: "password", optional: true } },
      },
    ]);
    expect(env.find((v) => v.name === "DB_PASSWORD")?.value).toBeUndefined();
  });

  it("a secret that also has a literal value is an error naming the variable", () => {
    const { diagnostics } = manifestsOf({
      variables: { TOKEN: "hunter2" },
      kubernetes: { secrets: { TOKEN: { name: "api", key: "token" } } },
      jobs: { build: { image: "alpine", script: ["true"], variables: { OTHER: "x" } } },
    });
    expect(diagnostics).toEqual([
      {
        code: "kubernetes/secret-with-literal",
        path: "variables.TOKEN",
        severity: "error",
        message:
          "TOKEN is a secret (kubernetes.secrets), so it cannot also have a literal value; remove one of the two",
      },
    ]);
  });

  it("a matrix value for a secret's name is an error too", () => {
    const { diagnostics } = manifestsOf({
      jobs: {
        build: {
          image: "alpine",
          script: ["true"],
          parallel: { matrix: [{ TOKEN: ["a", "b"] }] },
          kubernetes: { secrets: { TOKEN: { name: "api", key: "token" } } },
        },
      },
    });
    // Once, not once per combination.
    expect(diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      "jobs.build.parallel.matrix.TOKEN: TOKEN is a secret (kubernetes.secrets), so it cannot also have a literal value; remove one of the two",
    ]);
  });

  it("a name in both kubernetes.variables and kubernetes.secrets is an error at the literal", () => {
    const { diagnostics } = manifestsOf({
      kubernetes: {
        variables: { REGISTRY: "registry.example.com" },
        secrets: { REGISTRY: { name: "registry", key: "host" } },
      },
      jobs: {
        build: {
          image: "$REGISTRY/app:$TAG",
          script: ["true"],
          kubernetes: {
            variables: { TAG: "glpat-literal" },
            secrets: { TAG: { name: "api", key: "token" } },
          },
        },
        other: { image: "alpine", script: ["true"] },
      },
    });
    // The pipeline-wide one once, not once per job.
    expect(diagnostics.map((d) => `${d.severity} ${d.path}: ${d.message}`)).toEqual([
      "error kubernetes.variables.REGISTRY: REGISTRY is a secret (kubernetes.secrets), so it cannot also have a literal value in kubernetes.variables; remove one of the two",
      "error jobs.build.kubernetes.variables.TAG: TAG is a secret (kubernetes.secrets), so it cannot also have a literal value in kubernetes.variables; remove one of the two",
    ]);
  });
});

describe("what is written under secrets is never shown in a message", () => {
  it("a token pasted in place of a secretKeyRef is described by its kind only", () => {
    const input = {
      kubernetes: { secrets: { TOKEN: "glpat-SECRET1" } },
      default: { kubernetes: { secrets: { PIN: 12345 } } },
      jobs: {
        a: {
          script: ["true"],
          secrets: { VAULT: "glpat-SECRET2" },
          kubernetes: {
            secrets: {
              T: ["glpat-SECRET3"],
              U: { name: "api", key: "token", optional: "glpat-SECRET4" },
              V: { name: "api", key: 7 },
            },
          },
        },
      },
    };
    const { diagnostics } = validatePipeline({
      kind: "pipecraft.pipeline",
      input: input as never,
      options: {},
    });
    const lines = diagnostics.map((d) => `${d.path}: ${d.message}`);
    expect(lines.join("\n")).not.toMatch(/SECRET|12345|: 7/);
    expect(lines).toEqual(
      expect.arrayContaining([
        "kubernetes.secrets.TOKEN: expected an object, got a string",
        "default.kubernetes.secrets.PIN: expected an object, got a number",
        "jobs.a.kubernetes.secrets.T: expected an object, got a list",
        "jobs.a.kubernetes.secrets.U.optional: expected a boolean, got a string",
        "jobs.a.kubernetes.secrets.V.key: expected a string, got a number",
      ]),
    );
    expect(lines.find((line) => line.startsWith("jobs.a.secrets.VAULT"))).toMatch(/got a string$/);
  });
});

describe("dotenv reports", () => {
  it("a job gets the dotenv files of the jobs it needs, or of the earlier stages, limited by dependencies", () => {
    const manifests = manifestsOf({
      stages: ["prepare", "build", "report"],
      jobs: {
        version: {
          stage: "prepare",
          image: "alpine",
          script: ["echo V=1 > v.env"],
          artifacts: { reports: { dotenv: "v.env" } },
        },
        meta: {
          stage: "prepare",
          image: "alpine",
          script: ["true"],
          artifacts: { reports: { dotenv: ["a.env", "b.env"] } },
        },
        build: { stage: "build", image: "alpine", script: ["true"] },
        notes: { stage: "report", image: "alpine", script: ["true"], needs: ["version"] },
        quiet: {
          stage: "report",
          image: "alpine",
          script: ["true"],
          needs: [{ job: "version", artifacts: false }],
        },
        picky: { stage: "report", image: "alpine", script: ["true"], dependencies: ["meta"] },
      },
    });
    const dotenv = (name: string) =>
      envOf(mainContainer(jobNamed(manifests, `app-${name}`))).PIPECRAFT_DOTENV;
    expect(dotenv("build")).toBe("v.env a.env b.env");
    expect(dotenv("notes")).toBe("v.env");
    expect(dotenv("quiet")).toBeUndefined();
    expect(dotenv("picky")).toBe("a.env b.env");
    expect(dotenv("version")).toBeUndefined();
  });
});
