// Every object the Kubernetes and Kaniko targets emit validates against the Kubernetes OpenAPI
// schema offline: the committed manifests of every example (read back from their YAML text), and a
// pipeline that uses every mapping rule at once.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { kaniko, synthKaniko, synthKubernetes, validatePipeline } from "pipecraft";
import { describe, expect, it } from "vitest";
import { kubernetesSchemaErrors } from "./kubernetes-openapi.js";
import { examplePipelines } from "./pipeline-sources.js";

function schemaErrorsOf(yaml: string): string[] {
  return loadAll(yaml).flatMap((object, index) =>
    kubernetesSchemaErrors(object).map((message) => `document ${index}: ${message}`),
  );
}

describe("emitted manifests validate against the Kubernetes OpenAPI schema", () => {
  for (const source of examplePipelines) {
    for (const { target, file } of source.committedManifests) {
      it(`${source.label}/${file} (${target})`, () => {
        const yaml = readFileSync(join(source.dir, file), "utf8");
        expect(loadAll(yaml).length).toBeGreaterThan(0);
        expect(schemaErrorsOf(yaml)).toEqual([]);
      });
    }
  }

  const everything = validatePipeline({
    kind: "pipecraft.pipeline",
    options: {},
    input: {
      stages: ["build", "test", "deploy"],
      variables: { GLOBAL: "1", REF: "$CI_PROJECT_DIR/x" },
      kubernetes: {
        namespace: "ci",
        tags: {
          gpu: { nodeSelector: { gpu: "true" }, tolerations: [{ key: "gpu", operator: "Exists" }] },
        },
        workspace: { size: "2Gi", storageClassName: "standard", accessModes: ["ReadWriteMany"] },
        secrets: { TOKEN: { name: "api", key: "token" } },
        variables: { CI_REGISTRY_IMAGE: "registry.local/app" },
      },
      default: {
        image: "alpine:3.20",
        timeout: "30m",
        kubernetes: {
          resources: { requests: { cpu: 0.25, memory: "256Mi" }, limits: { memory: "1Gi" } },
        },
      },
      jobs: {
        "build-image": {
          ...kaniko.build({
            context: "git://github.com/example/app.git#refs/heads/main",
            destinations: ["$CI_REGISTRY_IMAGE:latest"],
            cacheRepo: "registry.local/cache",
            buildArgs: { VERSION: "1.0" },
            target: "runtime",
            registryAuth: { secretName: "registry" },
            extraArgs: ["--snapshot-mode=redo"],
          }),
          stage: "build",
        },
        test: {
          stage: "test",
          services: ["postgres:16", { name: "redis:7", alias: "cache", command: ["redis-server"] }],
          script: ["echo 'multi\nline'", "exit 0"],
          after_script: ["echo done"],
          retry: { max: 2, exit_codes: [137, 143] },
          parallel: { matrix: [{ DB: ["pg", "mysql"], NODE: [20, 22] }] },
          tags: ["gpu"],
        },
        shard: { stage: "test", script: ["true"], parallel: 3, retry: 1, needs: [] },
        deploy: {
          stage: "deploy",
          script: ["kubectl apply -f k8s/"],
          needs: ["test", "build-image"],
          when: "manual",
          kubernetes: {
            image: "bitnami/kubectl:1.34",
            serviceAccountName: "deployer",
            securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1001 },
            podSecurityContext: { fsGroup: 1001 },
            labels: { team: "platform" },
            annotations: { "example.com/owner": "platform" },
            volumes: [{ name: "tmp", emptyDir: {} }],
            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            imagePullSecrets: ["registry"],
            ttlSecondsAfterFinished: 3600,
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [
                    { matchExpressions: [{ key: "pool", operator: "In", values: ["ci"] }] },
                  ],
                },
              },
            },
          },
        },
      },
    },
  });

  it("a pipeline using every mapping rule (kubernetes and kaniko targets)", () => {
    expect(everything.diagnostics).toEqual([]);
    const pipeline = everything.pipeline!;
    const kubernetes = synthKubernetes(pipeline, { name: "everything" });
    const pods = synthKaniko(pipeline, { name: "everything" });
    expect(kubernetes.diagnostics).toEqual([]);
    const yaml = kubernetes.output ?? "";
    // workspace claim, kaniko Job, 4 matrix Jobs, the Indexed Job, deploy
    expect(loadAll(yaml)).toHaveLength(8);
    expect(schemaErrorsOf(yaml)).toEqual([]);
    expect(loadAll(pods.output ?? "")).toHaveLength(1);
    expect(schemaErrorsOf(pods.output ?? "")).toEqual([]);
  });

  it("the check can fail: a misspelt field in an emitted Job is reported", () => {
    const yaml = synthKubernetes(everything.pipeline!, { name: "everything" }).output ?? "";
    const [, job] = loadAll(yaml) as { spec: { template: { spec: Record<string, unknown> } } }[];
    job!.spec.template.spec.restartPolcy = "Never";
    expect(kubernetesSchemaErrors(job)).toEqual([
      'spec.template.spec.restartPolcy: unknown field "restartPolcy" (V1PodSpec has no such field; did you mean "restartPolicy"?)',
    ]);
  });
});
