// Server-side apply as the runtime will use it: a field manager owns what it applied, another
// manager touching the same field gets the API server's conflict, and `force` takes ownership.
// Then the runtime's applyObjects with a kind it does not know (found by discovery) and one the
// cluster does not serve.
import {
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  type V1ConfigMap,
  type V1Job,
} from "@kubernetes/client-node";
import { applyObjects, ClusterError, loadKubeConfig } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiError, createNamespace } from "./helpers.js";
import { testKubeConfig, testKubeconfigPath } from "./kubeconfig.js";

const kc = testKubeConfig();
const objects = KubernetesObjectApi.makeApiClient(kc);
let ns: { name: string; remove: () => Promise<void> };

beforeAll(async () => {
  ns = await createNamespace(kc, "apply");
});
afterAll(async () => {
  await ns?.remove();
});

function apply<T extends KubernetesObject>(obj: T, manager: string, force?: boolean): Promise<T> {
  return objects.patch(obj, undefined, undefined, manager, force, PatchStrategy.ServerSideApply);
}

function managers(obj: KubernetesObject): string[] {
  return (obj.metadata?.managedFields ?? []).map((f) => `${f.manager}:${f.operation}`).sort();
}

describe("server-side apply", () => {
  it("records the field manager, conflicts with another manager, and force takes over", async () => {
    const cm = (stage: string): V1ConfigMap => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "pipeline", namespace: ns.name },
      data: { stage },
    });

    const first = await apply(cm("build"), "pipecraft");
    expect(first.data).toEqual({ stage: "build" });
    expect(managers(first)).toEqual(["pipecraft:Apply"]);

    // Applying the same configuration again changes nothing.
    const again = await apply(cm("build"), "pipecraft");
    expect(again.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);

    // Another manager setting the same field to another value: the API server refuses.
    const conflict = await apiError(apply(cm("test"), "someone-else"));
    expect(conflict.code).toBe(409);
    expect(conflict.reason).toBe("Conflict");
    expect(conflict.message).toContain('conflict with "pipecraft"');
    expect(conflict.message).toContain(".data.stage");

    // With force, the other manager takes the field over.
    const forced = await apply(cm("test"), "someone-else", true);
    expect(forced.data).toEqual({ stage: "test" });
    expect(managers(forced)).toEqual(["someone-else:Apply"]);
  });

  it("applies a Job and re-applies it as a no-op", async () => {
    const jobObj: V1Job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name: "applied",
        namespace: ns.name,
        annotations: { "pipecraft.dev/needs": "build" },
      },
      spec: {
        suspend: true, // nothing runs: this test is about the object
        template: {
          spec: {
            restartPolicy: "Never",
            containers: [{ name: "main", image: "busybox:1.36", command: ["true"] }],
          },
        },
      },
    };
    const created = await apply(jobObj, "pipecraft");
    expect(created.spec?.backoffLimit).toBe(6); // defaulted by the API server
    const again = await apply(jobObj, "pipecraft");
    // The spec did not change (the Job controller may have written status in between).
    expect(again.metadata?.generation).toBe(1);
    expect(again.metadata?.generation).toBe(created.metadata?.generation);
    expect(managers(again)).toContain("pipecraft:Apply");
  });
});

describe("applyObjects with kinds pipecraft does not write", () => {
  it("finds a kind's resource in the discovery document, and names a kind not served", async () => {
    const { kubeConfig } = loadKubeConfig(testKubeconfigPath());
    const account = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "deployer" } };
    const applied = await applyObjects({ kubeConfig, objects: [account], namespace: ns.name });
    expect(applied.map((object) => `${object.ref} ${object.action}`)).toEqual([
      "serviceaccount/deployer created",
    ]);
    const unknown = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } };
    await expect(
      applyObjects({ kubeConfig, objects: [unknown], namespace: ns.name }),
    ).rejects.toThrow(
      new ClusterError(
        "the cluster does not serve kind Widget in example.com/v1: correct the apiVersion, or install the CustomResourceDefinition first",
      ),
    );
  });
});
