import type { V1Job, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { slimJob, slimPod } from "../src/cluster/slim-object.js";

const managedFields = [{ manager: "kube-controller-manager", operation: "Update" }];
const status = { name: "job", image: "busybox", imageID: "", ready: true, restartCount: 0 };

describe("slimJob and slimPod: what a run's informers keep", () => {
  it("a Job keeps its metadata, suspend and status; managedFields and the Pod template go", () => {
    const job: V1Job = {
      metadata: { name: "ci-build", labels: { "pipecraft.dev/job": "build" }, managedFields },
      spec: {
        suspend: false,
        template: { spec: { containers: [{ name: "job", image: "busybox" }] } },
      },
      status: { active: 1, conditions: [{ type: "Complete", status: "True" }] },
    };
    const slim = slimJob(job);
    expect(slim).toBe(job);
    expect(JSON.parse(JSON.stringify(slim))).toEqual({
      metadata: { name: "ci-build", labels: { "pipecraft.dev/job": "build" } },
      spec: { suspend: false, template: { metadata: {} } },
      status: { active: 1, conditions: [{ type: "Complete", status: "True" }] },
    });
  });

  it("a Pod keeps its metadata, status, its containers' names (kaniko's is the job's) and its init containers' restart policies", () => {
    const pod: V1Pod = {
      metadata: { name: "ci-build-x", labels: { "job-name": "ci-build" }, managedFields },
      spec: {
        containers: [
          { name: "kaniko", image: "gcr.io/kaniko-project/executor", args: ["--no-push"] },
        ],
        initContainers: [
          { name: "db", image: "postgres", restartPolicy: "Always" },
          { name: "setup", image: "busybox" },
        ],
        volumes: [{ name: "workspace" }],
      },
      status: { phase: "Running", containerStatuses: [status] },
    };
    expect(JSON.parse(JSON.stringify(slimPod(pod)))).toEqual({
      metadata: { name: "ci-build-x", labels: { "job-name": "ci-build" } },
      spec: {
        containers: [{ name: "kaniko" }],
        initContainers: [{ name: "db", restartPolicy: "Always" }, { name: "setup" }],
      },
      status: { phase: "Running", containerStatuses: [status] },
    });
  });
});
