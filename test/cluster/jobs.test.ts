// Jobs really run: the Job controller creates a Pod, the scheduler binds it to the Node, kwok (the
// kubelet here) runs it to Succeeded or Failed with the exit code a test chose.
import { BatchV1Api, CoreV1Api, type V1Job, type V1Pod, Watch } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NODE_NAME, POD_LOG_LINES } from "./harness.js";
import { createNamespace, waitFor } from "./helpers.js";
import { testClusterKind, testKubeConfig } from "./kubeconfig.js";

const kc = testKubeConfig();
const batch = kc.makeApiClient(BatchV1Api);
const core = kc.makeApiClient(CoreV1Api);
const local = testClusterKind() === "local";
let ns: { name: string; remove: () => Promise<void> };

beforeAll(async () => {
  ns = await createNamespace(kc, "jobs");
});
afterAll(async () => {
  await ns?.remove();
});

/** A Job whose Pod exits with `exitCode`: by its command on a real node, by annotation on kwok. */
function job(name: string, exitCode: number, spec: Partial<V1Job["spec"]> = {}): V1Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: {
      backoffLimit: 0,
      ...spec,
      template: {
        metadata: {
          annotations: exitCode === 0 ? {} : { "pipecraft.dev/fail-exit-code": String(exitCode) },
        },
        spec: {
          restartPolicy: "Never",
          containers: [
            {
              name: "main",
              image: "busybox:1.36",
              command: ["sh", "-c", `echo ${name}; exit ${exitCode}`],
            },
          ],
          ...spec?.template?.spec,
        },
      },
    },
  };
}

function condition(j: V1Job, type: string) {
  return j.status?.conditions?.find((c) => c.type === type && c.status === "True");
}

async function waitForJob(name: string, type: "Complete" | "Failed", timeoutMs = 90_000) {
  return waitFor(
    `Job ${ns.name}/${name} condition ${type}`,
    async () => {
      const j = await batch.readNamespacedJob({ name, namespace: ns.name });
      const other = type === "Complete" ? "Failed" : "Complete";
      if (condition(j, other)) {
        throw new Error(`Job ${name} reached ${other}: ${JSON.stringify(j.status)}`);
      }
      return condition(j, type) ? j : undefined;
    },
    { timeoutMs },
  );
}

async function podsOf(jobName: string): Promise<V1Pod[]> {
  const list = await core.listNamespacedPod({
    namespace: ns.name,
    labelSelector: `job-name=${jobName}`,
  });
  return list.items;
}

describe("Jobs on the test cluster", () => {
  it("runs a Job to Complete: controller -> Pod -> scheduler -> kwok, Pending -> Running -> Succeeded", async () => {
    const phases: string[] = [];
    const watch = new Watch(kc);
    const req = await watch.watch(
      `/api/v1/namespaces/${ns.name}/pods`,
      { labelSelector: "job-name=hello" },
      (_type: string, pod: V1Pod) => {
        const phase = pod.status?.phase;
        if (phase && phases.at(-1) !== phase) phases.push(phase);
      },
      () => {},
    );
    try {
      await batch.createNamespacedJob({ namespace: ns.name, body: job("hello", 0) });
      const done = await waitForJob("hello", "Complete");
      expect(done.status?.succeeded).toBe(1);
      expect(done.status?.failed ?? 0).toBe(0);
    } finally {
      req.abort();
    }

    const pods = await podsOf("hello");
    expect(pods).toHaveLength(1);
    const pod = pods[0]!;
    // created by the Job controller ...
    expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: "Job",
      name: "hello",
      controller: true,
    });
    // ... bound by the scheduler ...
    expect(pod.spec?.nodeName).toBeTruthy();
    if (local) expect(pod.spec?.nodeName).toBe(NODE_NAME);
    expect(pod.status?.conditions?.find((c) => c.type === "PodScheduled")?.status).toBe("True");
    // ... and run by the node agent.
    expect(pod.status?.phase).toBe("Succeeded");
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(0);
    if (local) {
      expect(phases).toEqual(["Pending", "Running", "Succeeded"]);
    } else {
      // a real kubelet may report a very short container as Succeeded without Running
      expect(phases[0]).toBe("Pending");
      expect(phases.at(-1)).toBe("Succeeded");
    }

    // pods/log goes API server -> node agent (kwok serves fixed lines on the local cluster).
    const text = await core.readNamespacedPodLog({ name: pod.metadata!.name!, namespace: ns.name });
    if (local) expect(text).toContain(POD_LOG_LINES[0]);
    // elsewhere: the container's own output, or fixed lines if that cluster's node is a kwok too
    else expect([POD_LOG_LINES[0]!, "hello"].some((line) => text.includes(line))).toBe(true);
  });

  it("a Pod told to fail with exit code 3 makes the Job Failed after its backoffLimit", async () => {
    await batch.createNamespacedJob({
      namespace: ns.name,
      body: job("fails", 3, { backoffLimit: 1 }),
    });
    // The controller waits ~10 s before the retry (its exponential back-off).
    const failed = await waitForJob("fails", "Failed", 150_000);
    expect(condition(failed, "Failed")?.reason).toBe("BackoffLimitExceeded");
    expect(failed.status?.failed).toBe(2); // the first try + backoffLimit 1 retry
    const pods = await podsOf("fails");
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.status?.phase).toBe("Failed");
      expect(pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(3);
    }
  });

  it("podFailurePolicy sees the exit code: FailJob on exit code 42 stops at the first Pod", async () => {
    await batch.createNamespacedJob({
      namespace: ns.name,
      body: job("policy", 42, {
        backoffLimit: 5,
        podFailurePolicy: {
          rules: [{ action: "FailJob", onExitCodes: { operator: "In", values: [42] } }],
        },
      }),
    });
    const failed = await waitForJob("policy", "Failed");
    expect(condition(failed, "Failed")?.reason).toBe("PodFailurePolicy");
    expect(condition(failed, "Failed")?.message).toContain("exit code 42");
    expect(failed.status?.failed).toBe(1);
  });

  it("a Job with a native sidecar (an init container with restartPolicy Always) completes", async () => {
    const body = job("sidecar", 0);
    body.spec!.template.spec!.initContainers = [
      { name: "redis", image: "redis:7-alpine", restartPolicy: "Always" },
    ];
    await batch.createNamespacedJob({ namespace: ns.name, body });
    const done = await waitForJob("sidecar", "Complete");
    expect(done.status?.succeeded).toBe(1);
  });
});
