// Server-side dry run (dryRun=All): the API server validates and defaults without storing, and an
// invalid Job is refused with the API server's own message.
import {
  BatchV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  type V1Job,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiError, createNamespace } from "./helpers.js";
import { testKubeConfig } from "./kubeconfig.js";

const kc = testKubeConfig();
const batch = kc.makeApiClient(BatchV1Api);
const objects = KubernetesObjectApi.makeApiClient(kc);
let ns: { name: string; remove: () => Promise<void> };

beforeAll(async () => {
  ns = await createNamespace(kc, "dryrun");
});
afterAll(async () => {
  await ns?.remove();
});

function jobWith(name: string, restartPolicy: string): V1Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: ns.name },
    spec: {
      template: {
        spec: {
          restartPolicy,
          containers: [{ name: "main", image: "busybox:1.36", command: ["true"] }],
        },
      },
    },
  };
}

describe("dryRun=All", () => {
  it("rejects an invalid Job with the API server's message", async () => {
    const err = await apiError(
      batch.createNamespacedJob({
        namespace: ns.name,
        body: jobWith("bad", "Always"),
        dryRun: "All",
      }),
    );
    expect(err.code).toBe(422);
    expect(err.reason).toBe("Invalid");
    expect(err.message).toContain('Job.batch "bad" is invalid');
    expect(err.message).toContain(
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
  });

  it("rejects the same Job through server-side apply with dryRun=All", async () => {
    const err = await apiError(
      objects.patch(
        jobWith("bad-apply", "Always"),
        undefined,
        "All",
        "pipecraft",
        true,
        PatchStrategy.ServerSideApply,
      ),
    );
    expect(err.code).toBe(422);
    expect(err.message).toContain("spec.template.spec.restartPolicy: Required value");
  });

  it("accepts a valid Job, returns it defaulted, and stores nothing", async () => {
    const out = await batch.createNamespacedJob({
      namespace: ns.name,
      body: jobWith("good", "Never"),
      dryRun: "All",
    });
    expect(out.metadata?.uid).toBeTruthy();
    expect(out.spec?.backoffLimit).toBe(6);
    expect(out.spec?.completions).toBe(1);
    expect(out.spec?.template.spec?.terminationGracePeriodSeconds).toBe(30);
    const missing = await apiError(batch.readNamespacedJob({ name: "good", namespace: ns.name }));
    expect(missing.code).toBe(404);
  });
});
