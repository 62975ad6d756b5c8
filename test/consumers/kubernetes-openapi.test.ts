import { describe, expect, it } from "vitest";
import { kubernetesSchemaErrors, supportedKubernetesKinds } from "./kubernetes-openapi.js";

// A Job as the Kubernetes target writes one CI job, with the Kubernetes 1.33/1.34 fields the
// schema must know: a native sidecar (init container with restartPolicy Always), podFailurePolicy,
// Indexed completion with backoffLimitPerIndex.
function realisticJob() {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: "app-build",
      namespace: "ci",
      labels: {
        "app.kubernetes.io/managed-by": "pipecraft",
        "pipecraft.dev/pipeline": "app",
        "pipecraft.dev/job": "build",
      },
      annotations: { "pipecraft.dev/source": "pipeline.ts:12:5" },
    },
    spec: {
      backoffLimit: 2,
      activeDeadlineSeconds: 1800,
      ttlSecondsAfterFinished: 3600,
      completions: 3,
      parallelism: 3,
      completionMode: "Indexed",
      backoffLimitPerIndex: 1,
      maxFailedIndexes: 1,
      podFailurePolicy: {
        rules: [
          {
            action: "FailJob",
            onExitCodes: { containerName: "job", operator: "In", values: [42] },
          },
          { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] },
        ],
      },
      template: {
        metadata: { labels: { "pipecraft.dev/job": "build" } },
        spec: {
          restartPolicy: "Never",
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            fsGroup: 1000,
            seccompProfile: { type: "RuntimeDefault" },
          },
          initContainers: [
            {
              name: "cache-proxy",
              image: "registry.example.com/cache-proxy:1.2",
              restartPolicy: "Always",
              ports: [{ containerPort: 3128, name: "proxy" }],
            },
          ],
          containers: [
            {
              name: "job",
              image: "node:22-alpine",
              command: ["/bin/sh", "-c", "npm ci\nnpm run build"],
              workingDir: "/builds/app",
              env: [
                { name: "CI", value: "true" },
                {
                  name: "NPM_TOKEN",
                  valueFrom: { secretKeyRef: { name: "app-secrets", key: "npm-token" } },
                },
              ],
              resources: {
                requests: { cpu: "500m", memory: "512Mi" },
                limits: { memory: "1Gi" },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
                seccompProfile: { type: "RuntimeDefault" },
              },
              volumeMounts: [{ name: "workspace", mountPath: "/builds/app" }],
            },
          ],
          volumes: [{ name: "workspace", persistentVolumeClaim: { claimName: "app-workspace" } }],
        },
      },
    },
  };
}

describe("kubernetesSchemaErrors", () => {
  it("accepts a realistic Job using Kubernetes 1.33/1.34 fields", () => {
    expect(kubernetesSchemaErrors(realisticJob())).toEqual([]);
  });

  it("rejects a misspelt field, naming its path and the field it resembles", () => {
    const job = realisticJob();
    const container: Record<string, unknown> = job.spec.template.spec.containers[0]!;
    container.commmand = container.command;
    delete container.command;
    expect(kubernetesSchemaErrors(job)).toEqual([
      'spec.template.spec.containers[0].commmand: unknown field "commmand" (V1Container has no such field; did you mean "command"?)',
    ]);
  });

  it("rejects unknown fields at any depth, but not arbitrary keys of maps such as labels", () => {
    const job = realisticJob();
    Object.assign(job.metadata, { lables: { a: "b" } });
    Object.assign(job.spec.template.spec.securityContext.seccompProfile, { profile: "x" });
    Object.assign(job, { extra: true });
    const errors = kubernetesSchemaErrors(job);
    expect(errors).toHaveLength(3);
    expect(errors).toContain(
      'metadata.lables: unknown field "lables" (V1ObjectMeta has no such field; did you mean "labels"?)',
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/^spec\.template\.spec\.securityContext\.seccompProfile\.profile: /),
    );
    expect(errors).toContainEqual(expect.stringMatching(/^extra: unknown field "extra" \(V1Job /));
  });

  it("rejects a value of the wrong type", () => {
    const job = { ...realisticJob(), spec: { ...realisticJob().spec, backoffLimit: "3" } };
    expect(kubernetesSchemaErrors(job)).toEqual(['spec.backoffLimit: must be integer, got "3"']);
  });

  it("rejects a value outside an enum and a missing required field", () => {
    const job = realisticJob();
    Object.assign(job.spec, { completionMode: "indexed" });
    const sidecar: Record<string, unknown> = job.spec.template.spec.initContainers[0]!;
    delete sidecar.name;
    const errors = kubernetesSchemaErrors(job);
    expect(errors).toContain(
      'spec.completionMode: must be equal to one of the allowed values ("Indexed", "NonIndexed"), got "indexed"',
    );
    expect(errors).toContain(
      "spec.template.spec.initContainers[0]: must have required property name",
    );
  });

  it("accepts a PersistentVolumeClaim, a Pod, a Secret and a ConfigMap", () => {
    const pvc = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "app-workspace", labels: { "app.kubernetes.io/managed-by": "pipecraft" } },
      spec: {
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "5Gi" } },
        storageClassName: "standard",
        volumeMode: "Filesystem",
      },
    };
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "kaniko-build", namespace: "ci" },
      spec: {
        restartPolicy: "Never",
        containers: [
          {
            name: "kaniko",
            image: "gcr.io/kaniko-project/executor:v1.23.2",
            args: ["--context=dir:///workspace", "--destination=registry.example.com/app:1"],
            volumeMounts: [{ name: "docker-config", mountPath: "/kaniko/.docker", readOnly: true }],
          },
        ],
        volumes: [
          {
            name: "docker-config",
            secret: {
              secretName: "regcred",
              items: [{ key: ".dockerconfigjson", path: "config.json" }],
            },
          },
        ],
      },
    };
    const secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "regcred" },
      type: "kubernetes.io/dockerconfigjson",
      stringData: { ".dockerconfigjson": "{}" },
    };
    const configMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "app-scripts" },
      data: { "build.sh": "npm ci\n" },
    };
    for (const object of [pvc, pod, secret, configMap]) {
      expect(kubernetesSchemaErrors(object), object.kind).toEqual([]);
    }
  });

  it("checks a PersistentVolumeClaim and a Pod strictly too", () => {
    const pvc = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "w" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { request: { storage: "1Gi" } } },
    };
    expect(kubernetesSchemaErrors(pvc)).toEqual([
      'spec.resources.request: unknown field "request" (V1VolumeResourceRequirements has no such field; did you mean "requests"?)',
    ]);
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { restartPolicy: "Sometimes", containers: [{ name: "c", image: "i" }] },
    };
    expect(kubernetesSchemaErrors(pod)).toEqual([
      'spec.restartPolicy: must be equal to one of the allowed values ("Always", "Never", "OnFailure"), got "Sometimes"',
    ]);
  });

  it("reports an unsupported apiVersion/kind in one error", () => {
    const errors = kubernetesSchemaErrors({ apiVersion: "apps/v1", kind: "Deployment" });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\(document\): unsupported apiVersion\/kind "apps\/v1 Deployment"/);
    expect(errors[0]).toContain("batch/v1 Job");
    expect(kubernetesSchemaErrors({ apiVersion: "v2", kind: "Job" })[0]).toContain('"v2 Job"');
    expect(kubernetesSchemaErrors("kind: Job")).toEqual([
      "(document): not a Kubernetes object (expected a mapping with apiVersion and kind)",
    ]);
  });

  it("lists the kinds it supports", () => {
    expect(supportedKubernetesKinds).toEqual(
      expect.arrayContaining([
        "batch/v1 Job",
        "v1 Pod",
        "v1 PersistentVolumeClaim",
        "v1 Secret",
        "v1 ConfigMap",
      ]),
    );
  });
});
