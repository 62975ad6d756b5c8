// A `kaniko.build()` job in `pipecraft run` is a Job of the run like any other: named and labelled
// with the run id, owned by the run record, released by its `needs`, its exit code and log taken
// from its `kaniko` container. kwok plays the executor (no image is pulled); its fail annotation
// makes a failing build.
import { readFileSync } from "node:fs";
import { BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { kaniko, type PipelineInput } from "pipecraft";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POD_LOG_LINES } from "./harness.js";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig } from "./kubeconfig.js";
import { kwok, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
const batch = kc.makeApiClient(BatchV1Api);
const core = kc.makeApiClient(CoreV1Api);
let ns: { name: string; remove: () => Promise<void> };
const volumes: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-kaniko");
});
afterAll(async () => {
  await ns?.remove();
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
});

/** test → build-image (Kaniko) → deploy (needs the build); `exit` makes the build fail. */
function imagePipeline(exit?: number): PipelineInput {
  const build = kaniko.build({ destinations: ["registry.example/shop:$CI_COMMIT_SHORT_SHA"] });
  return {
    stages: ["test", "build", "deploy"],
    jobs: {
      test: { stage: "test", image: "busybox:1.36", script: ["make test"] },
      "build-image": {
        ...build,
        stage: "build",
        kubernetes: { ...build.kubernetes, ...kwok({ seconds: 2, exit }) },
      },
      deploy: {
        stage: "deploy",
        image: "busybox:1.36",
        script: ["make deploy"],
        needs: ["build-image"],
      },
    },
  };
}

describe.skipIf(testClusterKind() !== "local")("pipecraft run: Kaniko builds", () => {
  it("runs the build as a Job of the run: named, labelled, owned, scheduled, reported", async () => {
    const runId = uniqueRunId("kan");
    const run = await runCase(kc, ns.name, imagePipeline(), { runId, volumes });
    expect(run.result.status).toBe("success");
    expect(run.started).toEqual(["test", "build-image", "deploy"]);
    expect(run.finished).toEqual(["test", "build-image", "deploy"]);
    const build = run.result.jobs.find((job) => job.job === "build-image");
    expect(build).toMatchObject({ stage: "build", status: "success", exitCode: 0 });
    // Its log is the kaniko container's (kwok serves fixed lines for every container).
    expect(readFileSync(build?.log ?? "", "utf8")).toContain(POD_LOG_LINES[0]);

    const job = await batch.readNamespacedJob({
      name: `ci-${runId}-build-image`,
      namespace: ns.name,
    });
    expect(job.metadata?.labels).toMatchObject({
      "pipecraft.dev/pipeline": "ci",
      "pipecraft.dev/run-id": runId,
    });
    expect(job.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: "ConfigMap",
      name: `ci-run-${runId}`,
    });
    expect(job.spec?.template.spec?.containers.map((c) => c.name)).toEqual(["kaniko"]);
    expect(job.status?.succeeded).toBe(1);
    // The job that needs the image was released only once the build was seen to succeed.
    const states = run.events.flatMap((e) => (e.type === "job" ? [`${e.job}: ${e.status}`] : []));
    expect(states.indexOf("deploy: pending")).toBeGreaterThan(
      states.indexOf("build-image: success"),
    );
  });

  it("a failing build fails the run with its exit code, and the job needing it is skipped", async () => {
    const runId = uniqueRunId("kanf");
    const run = await runCase(kc, ns.name, imagePipeline(7), { runId, volumes });
    expect(run.result.status).toBe("failed");
    expect(run.result.jobs.map(({ job, status, exitCode }) => ({ job, status, exitCode }))).toEqual(
      [
        { job: "test", status: "success", exitCode: 0 },
        { job: "build-image", status: "failed", exitCode: 7 },
        { job: "deploy", status: "skipped", exitCode: undefined },
      ],
    );
    // The skipped job never started: its Job stays suspended, without a Pod.
    const deploy = await batch.readNamespacedJob({
      name: `ci-${runId}-deploy`,
      namespace: ns.name,
    });
    expect(deploy.spec?.suspend).toBe(true);
    const record = await core.readNamespacedConfigMap({
      name: `ci-run-${runId}`,
      namespace: ns.name,
    });
    expect(JSON.parse(record.data?.status ?? "{}")).toMatchObject({
      status: "failed",
      jobs: [
        { job: "test", status: "success" },
        { job: "build-image", status: "failed", exitCode: 7 },
        { job: "deploy", status: "skipped" },
      ],
    });
  });
});
