// `kubernetes.podSecurity`: the Pod Security level a job's Pod is written for. "baseline" (the
// default) leaves the runtime's capabilities, as GitLab's Kubernetes executor does; "restricted"
// meets the "restricted" Pod Security Standard (proven on the real node by
// test/node/pod-security-restricted.test.ts).
import { validatePipeline } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { kaniko } from "../src/kaniko/kaniko.js";
import { jobNamed, manifestsOf } from "./synth-helpers.js";

const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  runAsNonRoot: true,
};

describe("kubernetes.podSecurity", () => {
  it('"restricted" makes the Pod, the job container and the service sidecars non-root, without capabilities or escalation', () => {
    const manifests = manifestsOf({
      jobs: {
        test: {
          image: { name: "node:22", kubernetes: { user: 1000 } },
          services: ["redis:7"],
          script: ["npm test"],
          kubernetes: { podSecurity: "restricted" },
        },
      },
    });
    expect(manifests.diagnostics).toEqual([]);
    const pod = jobNamed(manifests, "app-test").spec?.template.spec;
    expect(pod?.securityContext).toEqual({
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod?.containers[0]?.securityContext).toEqual({
      ...RESTRICTED_CONTAINER,
      runAsUser: 1000,
    });
    expect(pod?.initContainers?.[0]?.securityContext).toEqual(RESTRICTED_CONTAINER);
  });

  it("default.kubernetes sets it for the whole pipeline, and a job may go back to baseline", () => {
    const manifests = manifestsOf({
      default: { image: "alpine", kubernetes: { podSecurity: "restricted" } },
      jobs: {
        lint: { script: ["true"] },
        install: { script: ["apk add git"], kubernetes: { podSecurity: "baseline" } },
      },
    });
    const lint = jobNamed(manifests, "app-lint").spec?.template.spec;
    const install = jobNamed(manifests, "app-install").spec?.template.spec;
    expect(lint?.containers[0]?.securityContext).toEqual(RESTRICTED_CONTAINER);
    expect(install?.containers[0]?.securityContext).toBeUndefined();
    expect(install?.securityContext).toEqual({ seccompProfile: { type: "RuntimeDefault" } });
  });

  it('a Kaniko build under "restricted" is an error naming the job', () => {
    const build = kaniko.build({ destinations: ["registry.example.com/app:1"] });
    const manifests = manifestsOf({
      jobs: {
        build: { ...build, kubernetes: { ...build.kubernetes, podSecurity: "restricted" } },
      },
    });
    expect(manifests.diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`)).toEqual([
      'kubernetes/restricted-kaniko jobs.build.kubernetes.podSecurity: a Kaniko build runs as root with capabilities, which "restricted" forbids; remove podSecurity: "restricted" from this job (or from default.kubernetes with podSecurity: "baseline" here)',
    ]);
  });

  it("takes only baseline or restricted", () => {
    const { diagnostics } = validatePipeline({
      kind: "pipecraft.pipeline",
      input: {
        jobs: {
          x: {
            image: "alpine",
            script: ["true"],
            kubernetes: { podSecurity: "privileged" as "baseline" },
          },
        },
      },
      options: {},
    });
    expect(diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'jobs.x.kubernetes.podSecurity: expected one of "baseline", "restricted", got "privileged"',
    ]);
  });
});
