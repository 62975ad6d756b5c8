import type { V1Job, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { decidedPod, runPods } from "../src/cluster/run-pods.js";

const job = (succeeded: number, failed: number): V1Job => ({
  metadata: { name: "ci-r1-build" },
  status: { succeeded, failed },
});

function pod(
  name: string,
  created: string,
  phase: "Running" | "Succeeded" | "Failed",
  exitCode?: number,
): V1Pod {
  return {
    metadata: {
      name,
      creationTimestamp: new Date(created),
      labels: { "batch.kubernetes.io/job-name": "ci-r1-build" },
    },
    spec: { containers: [{ name: "job" }] },
    status: {
      phase,
      containerStatuses: [
        {
          name: "job",
          image: "busybox",
          imageID: "",
          ready: false,
          restartCount: 0,
          ...(exitCode === undefined
            ? { state: { running: {} } }
            : { state: { terminated: { exitCode } } }),
        },
      ],
    },
  };
}

describe("decidedPod: a finished Job's Pod from the Pod watch, or a list", () => {
  it("takes the one Pod of a Job that succeeded, with its exit code", () => {
    const done = pod("a", "2026-01-01T00:00:00Z", "Succeeded", 0);
    expect(decidedPod(job(1, 0), [done])).toBe(done);
  });

  it("takes the last failed Pod of a Job whose Pods the watch has all seen ended", () => {
    const first = pod("a", "2026-01-01T00:00:00Z", "Failed", 3);
    const second = pod("b", "2026-01-01T00:00:05Z", "Failed", 4);
    expect(decidedPod(job(0, 2), [second, first])).toBe(second);
  });

  it("lists when the watch has not seen every Pod the Job counts", () => {
    expect(decidedPod(job(0, 2), [pod("a", "2026-01-01T00:00:00Z", "Failed", 3)])).toBeUndefined();
    expect(decidedPod(job(1, 0), [])).toBeUndefined();
    expect(decidedPod(job(0, 0), [])).toBeUndefined();
  });

  it("lists when the watch still sees the Pod running, or without its exit code", () => {
    expect(decidedPod(job(1, 0), [pod("a", "2026-01-01T00:00:00Z", "Running")])).toBeUndefined();
    expect(decidedPod(job(1, 0), [pod("a", "2026-01-01T00:00:00Z", "Succeeded")])).toBeUndefined();
  });

  it("runPods keeps each Pod's last state by Job, and forgets deleted ones", () => {
    const pods = runPods();
    pods.observed(pod("a", "2026-01-01T00:00:00Z", "Running"), false);
    expect(pods.decided(job(1, 0))).toBeUndefined();
    const done = pod("a", "2026-01-01T00:00:00Z", "Succeeded", 0);
    pods.observed(done, false);
    expect(pods.decided(job(1, 0))).toBe(done);
    pods.observed(done, true);
    expect(pods.decided(job(1, 0))).toBeUndefined();
  });
});
