// What a Job controller's FailedCreate message means for the job: failed (with the API server's
// reason and the fix), waiting for quota, or a transient error the controller retries itself.
import { describe, expect, it } from "vitest";
import { podRefusal } from "../src/cluster/pod-refusal.js";

const restricted =
  'violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "build" must set securityContext.allowPrivilegeEscalation=false), runAsNonRoot != true (pod or container "build" must set securityContext.runAsNonRoot=true)';

describe("podRefusal", () => {
  it("fails a job that Pod Security refuses, with the restricted fix", () => {
    expect(
      podRefusal(`Error creating: pods "ci-r1-build-x7k2p" is forbidden: ${restricted}`),
    ).toEqual({
      kind: "failed",
      reason: `pods refused: ${restricted}; the namespace enforces the "restricted" Pod Security Standard: set kubernetes: { podSecurity: "restricted" } on the job (or in default.kubernetes) and use an image that runs as a non-root user (or set kubernetes.securityContext.runAsUser)`,
    });
  });

  it("tells the sources job's own fix: it runs as root by design", () => {
    expect(
      podRefusal(`Error creating: pods "ci-r1-sources-x" is forbidden: ${restricted}`, {
        role: "sources",
      })?.reason,
    ).toBe(
      `pods refused: ${restricted}; the sources job of --source git runs its git image as root, which this namespace refuses: use --source none, or a namespace that enforces "baseline" at most`,
    );
  });

  it("tells a Kaniko build's own fix: root is required, baseline admits it, restricted never", () => {
    const kaniko =
      'violates PodSecurity "restricted:latest": runAsUser=0 (container "kaniko" must not set runAsUser=0)';
    expect(
      podRefusal(`Error creating: pods "ci-r1-image-x" is forbidden: ${kaniko}`, {
        role: "kaniko",
        namespace: "ci",
      })?.reason,
    ).toBe(
      `pods refused: ${kaniko}; a Kaniko build must run as root (the executor unpacks the base image into its own root filesystem and needs CHOWN, DAC_OVERRIDE, FOWNER and other capabilities of the "baseline" list), which the "restricted" Pod Security Standard forbids; it needs no privileged Pod: run the pipeline in a namespace that enforces "baseline" (kubectl label namespace ci pod-security.kubernetes.io/enforce=baseline --overwrite), or build the image elsewhere`,
    );
    // What baseline refuses is the job's own securityContext: the general fix.
    expect(
      podRefusal(
        'Error creating: pods "a" is forbidden: violates PodSecurity "baseline:latest": privileged (container "kaniko" must not set securityContext.privileged=true)',
        { role: "kaniko", namespace: "ci" },
      )?.reason,
    ).toMatch(
      /; the namespace enforces the "baseline" Pod Security Standard: remove what it names/,
    );
  });

  it("names the baseline fix", () => {
    expect(
      podRefusal(
        'Error creating: pods "a" is forbidden: violates PodSecurity "baseline:latest": privileged (container "c" must not set securityContext.privileged=true)',
      )?.reason,
    ).toBe(
      'pods refused: violates PodSecurity "baseline:latest": privileged (container "c" must not set securityContext.privileged=true); the namespace enforces the "baseline" Pod Security Standard: remove what it names from the job\'s kubernetes.securityContext',
    );
  });

  it("waits for a quota the quota controller has not counted yet (just created or changed)", () => {
    expect(
      podRefusal(
        'Error creating: pods "ci-r1-build-x" is forbidden: status unknown for quota: q, resources: pods',
      ),
    ).toEqual({
      kind: "waiting",
      reason:
        "waiting for quota: status unknown for quota: q, resources: pods (the quota controller has not counted it yet)",
    });
  });

  it("fails a job whose ServiceAccount is missing, naming it", () => {
    expect(
      podRefusal(
        'Error creating: pods "ci-r1-deploy-" is forbidden: error looking up service account ci/deployer: serviceaccount "deployer" not found',
      ),
    ).toEqual({
      kind: "failed",
      reason:
        "pods refused: error looking up service account ci/deployer: serviceaccount \"deployer\" not found; create the ServiceAccount deployer in the run's namespace, or change the job's kubernetes.serviceAccountName",
    });
  });

  it("waits while a quota is full but the Pod would fit in it", () => {
    expect(
      podRefusal(
        'Error creating: pods "a" is forbidden: exceeded quota: q, requested: pods=1,requests.cpu=500m, used: pods=2,requests.cpu=1500m, limited: pods=2,requests.cpu=2',
      ),
    ).toEqual({
      kind: "waiting",
      reason:
        "waiting for quota: exceeded quota: q, requested: pods=1,requests.cpu=500m, used: pods=2,requests.cpu=1500m, limited: pods=2,requests.cpu=2",
    });
  });

  it("fails a job that asks for more than the quota's limit", () => {
    expect(
      podRefusal(
        'Error creating: pods "a" is forbidden: exceeded quota: q, requested: requests.memory=2Gi, used: requests.memory=0, limited: requests.memory=1Gi',
      ),
    ).toEqual({
      kind: "failed",
      reason:
        "pods refused: exceeded quota: q, requested: requests.memory=2Gi, used: requests.memory=0, limited: requests.memory=1Gi; the job asks for more than the namespace's ResourceQuota allows at all: lower its kubernetes.resources, or raise the quota",
    });
  });

  it("fails a job without the resources a quota requires", () => {
    expect(
      podRefusal(
        'Error creating: pods "a" is forbidden: failed quota: q: must specify limits.cpu for: build; limits.memory for: build',
      )?.reason,
    ).toBe(
      "pods refused: failed quota: q: must specify limits.cpu for: build; limits.memory for: build; the namespace's ResourceQuota requires it: set the job's kubernetes.resources",
    );
  });

  it("fails an invalid Pod and a webhook's denial, without a hint", () => {
    expect(
      podRefusal('Error creating: Pod "a" is invalid: spec.volumes[0].name: Required value')
        ?.reason,
    ).toBe("pods refused: invalid: spec.volumes[0].name: Required value");
    expect(
      podRefusal(
        'Error creating: admission webhook "policy.example" denied the request: no latest tag',
      )?.reason,
    ).toBe('pods refused: admission webhook "policy.example" denied the request: no latest tag');
  });

  it("leaves transient errors to the Job controller's retries", () => {
    expect(podRefusal("Error creating: Timeout: request did not complete within 1m0s")).toBe(
      undefined,
    );
    expect(podRefusal("Error creating: etcdserver: request timed out")).toBe(undefined);
  });
});
