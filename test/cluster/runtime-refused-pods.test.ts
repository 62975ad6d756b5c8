// A job whose Pods the API server refuses fails instead of leaving the run waiting forever: the
// Job controller only records FailedCreate Warning events (the Job stays active, with no Pod),
// and the run's one Events watch turns the first refusal into a failed job with the API
// server's reason and the fix (a Kaniko build's own). A client that attaches later reads the
// reason stored on the Job. A quota that is full for now is waited out, and said so.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchV1Api, CoordinationV1Api, CoreV1Api } from "@kubernetes/client-node";
import { kaniko } from "pipecraft";
import { planRun, runPipeline } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, run } from "../../packages/cli/test/project.js";
import {
  boardLines,
  emptyBoard,
  nextBoard,
} from "../../packages/runtime/src/report/status-board.js";
import { createNamespace, waitFor } from "./helpers.js";
import { testKubeConfig, testKubeconfigPath } from "./kubeconfig.js";
import { kwok, model, provideVolume, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const batch = kc.makeApiClient(BatchV1Api);
const volumes: string[] = [];
const namespaces: { remove: () => Promise<void> }[] = [];
const projects: string[] = [];
let restricted: string;
let plain: string;

beforeAll(async () => {
  const r = await createNamespace(kc, "rt-refused-restricted", {
    "pod-security.kubernetes.io/enforce": "restricted",
  });
  const p = await createNamespace(kc, "rt-refused");
  namespaces.push(r, p);
  restricted = r.name;
  plain = p.name;
});
afterAll(async () => {
  for (const ns of namespaces) await ns.remove();
  for (const project of projects) await removeProject(project);
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
});

const image = "busybox:1.36";

/** A ResourceQuota whose status says `hard` and `used` (this cluster has no quota controller). */
async function quota(
  namespace: string,
  hard: Record<string, string>,
  used: Record<string, string>,
) {
  await core.createNamespacedResourceQuota({
    namespace,
    body: { metadata: { name: "q" }, spec: { hard } },
  });
  await setQuotaUse(namespace, hard, used);
}

async function setQuotaUse(
  namespace: string,
  hard: Record<string, string>,
  used: Record<string, string>,
) {
  const current = await core.readNamespacedResourceQuota({ name: "q", namespace });
  await core.replaceNamespacedResourceQuotaStatus({
    name: "q",
    namespace,
    body: { ...current, status: { hard, used } },
  });
}

describe("pipecraft run: pods the API server refuses", () => {
  it("fails a root job in a namespace that enforces restricted, with the fix; a restricted one runs", async () => {
    const runId = uniqueRunId("psa");
    const r = await runCase(
      kc,
      restricted,
      {
        stages: ["build", "test"],
        jobs: {
          build: { stage: "build", image, script: ["make"] },
          lint: {
            stage: "build",
            image,
            script: ["make lint"],
            kubernetes: { podSecurity: "restricted", securityContext: { runAsUser: 1000 } },
          },
          test: { stage: "test", image, script: ["make test"], needs: ["build"] },
        },
      },
      { runId, volumes },
    );
    expect(r.result.status).toBe("failed");
    const byJob = new Map(r.result.jobs.map((job) => [job.job, job]));
    expect(byJob.get("lint")?.status).toBe("success");
    expect(byJob.get("test")?.status).toBe("skipped");
    const build = byJob.get("build");
    expect(build?.status).toBe("failed");
    expect(build?.exitCode).toBe(undefined);
    expect(build?.reason).toBe(
      'pods refused: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "job" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "job" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "job" must set securityContext.runAsNonRoot=true); the namespace enforces the "restricted" Pod Security Standard: set kubernetes: { podSecurity: "restricted" } on the job (or in default.kubernetes) and use an image that runs as a non-root user (or set kubernetes.securityContext.runAsUser)',
    );
    // The same reason in the job's event (what --output json prints) and the run record.
    const failed = r.events.find(
      (event) => event.type === "job" && event.job === "build" && event.status === "failed",
    );
    expect(failed?.type === "job" ? failed.reason : undefined).toBe(build?.reason);
    const record = await core.readNamespacedConfigMap({
      name: `ci-run-${runId}`,
      namespace: restricted,
    });
    const recorded = JSON.parse(record.data?.status ?? "{}") as {
      jobs: { job: string; reason?: string }[];
    };
    expect(recorded.jobs.find((job) => job.job === "build")?.reason).toBe(build?.reason);
    // The refused Job is suspended (the Job controller stops retrying) and says why.
    const job = await batch.readNamespacedJob({ name: `ci-${runId}-build`, namespace: restricted });
    expect(job.spec?.suspend).toBe(true);
    expect(job.metadata?.annotations?.["pipecraft.dev/refused"]).toBe(build?.reason);
  });

  it("fails a Kaniko build there with Kaniko's own fix (root, baseline), not the restricted one", async () => {
    const build = kaniko.build({ destinations: ["registry.example/shop:1"] });
    const r = await runCase(
      kc,
      restricted,
      { stages: ["build"], jobs: { "build-image": { ...build, stage: "build" } } },
      { runId: uniqueRunId("psakan"), volumes },
    );
    expect(r.result.status).toBe("failed");
    expect(r.result.jobs.map((job) => [job.job, job.status, job.exitCode])).toEqual([
      ["build-image", "failed", undefined],
    ]);
    expect(r.result.jobs[0]?.reason).toBe(
      `pods refused: violates PodSecurity "restricted:latest": unrestricted capabilities (container "kaniko" must not include "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "SETFCAP", "SETGID", "SETUID" in securityContext.capabilities.add), runAsNonRoot != true (container "kaniko" must not set securityContext.runAsNonRoot=false), runAsUser=0 (container "kaniko" must not set runAsUser=0); a Kaniko build must run as root (the executor unpacks the base image into its own root filesystem and needs CHOWN, DAC_OVERRIDE, FOWNER and other capabilities of the "baseline" list), which the "restricted" Pod Security Standard forbids; it needs no privileged Pod: run the pipeline in a namespace that enforces "baseline" (kubectl label namespace ${restricted} pod-security.kubernetes.io/enforce=baseline --overwrite), or build the image elsewhere`,
    );
  });

  it("runs the same Kaniko build once its namespace enforces baseline, as the fix says", async () => {
    const ns = await createNamespace(kc, "rt-refused-baseline", {
      "pod-security.kubernetes.io/enforce": "baseline",
    });
    namespaces.push(ns);
    const build = kaniko.build({ destinations: ["registry.example/shop:1"] });
    const r = await runCase(
      kc,
      ns.name,
      { stages: ["build"], jobs: { "build-image": { ...build, stage: "build" } } },
      { runId: uniqueRunId("basekan"), volumes },
    );
    expect(r.result.jobs.map((job) => [job.job, job.status, job.reason])).toEqual([
      ["build-image", "success", undefined],
    ]);
  });

  it("fails the root sources job of --source git there, with its own fix; the other jobs are skipped", async () => {
    const runId = uniqueRunId("psasrc");
    const planned = planRun(
      model({
        stages: ["build"],
        jobs: {
          build: {
            stage: "build",
            image,
            script: ["make"],
            kubernetes: { podSecurity: "restricted", securityContext: { runAsUser: 1000 } },
          },
        },
      }),
      {
        name: "ci",
        namespace: restricted,
        runId,
        predefined: {
          CI_REPOSITORY_URL: "https://git.example/shop.git",
          CI_COMMIT_SHA: "0123456789abcdef0123456789abcdef01234567",
          CI_COMMIT_BRANCH: "main",
          CI_COMMIT_REF_NAME: "main",
        },
        sources: { kind: "git" },
      },
    );
    if (planned.plan === undefined || planned.objects === undefined)
      throw new Error(planned.problems.join("\n"));
    volumes.push(await provideVolume(kc, restricted, planned.objects.workspace));
    const result = await runPipeline({
      kubeConfig: kc,
      plan: planned.plan,
      objects: planned.objects,
      onEvent: () => {},
      logDirectory: mkdtempSync(join(tmpdir(), "pipecraft-refused-")),
    });
    expect(result.status).toBe("failed");
    expect(result.jobs.map((job) => [job.job, job.status])).toEqual([
      ["sources", "failed"],
      ["build", "skipped"],
    ]);
    expect(result.jobs[0]?.reason).toMatch(
      /^pods refused: violates PodSecurity "restricted:latest": .*; the sources job of --source git runs its git image as root, which this namespace refuses: use --source none, or a namespace that enforces "baseline" at most$/,
    );
  });

  it("fails a job whose ServiceAccount is missing; allow_failure lets the pipeline pass", async () => {
    const r = await runCase(
      kc,
      plain,
      {
        stages: ["deploy"],
        jobs: {
          deploy: {
            stage: "deploy",
            image,
            script: ["deploy"],
            allow_failure: true,
            kubernetes: { serviceAccountName: "deployer" },
          },
        },
      },
      { runId: uniqueRunId("sa"), volumes },
    );
    expect(r.result.status).toBe("success");
    expect(
      r.result.jobs.map((job) => [job.job, job.status, job.allowedFailure, job.reason]),
    ).toEqual([
      [
        "deploy",
        "failed",
        true,
        `pods refused: error looking up service account ${plain}/deployer: serviceaccount "deployer" not found; create the ServiceAccount deployer in the run's namespace, or change the job's kubernetes.serviceAccountName`,
      ],
    ]);
  });
});

describe("pipecraft run: the command", () => {
  it("prints the refusal on the job's line and in the summary, and exits 1", async () => {
    const directory = await makeProject({
      "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "cmd" },
  stages: ["build"],
  jobs: { build: { stage: "build", image: "busybox", script: ["make"], kubernetes: { serviceAccountName: "builder" } } },
});
`,
    });
    projects.push(directory);
    const runId = uniqueRunId("cli");
    volumes.push(
      await provideVolume(kc, plain, {
        metadata: { name: `cmd-${runId}-workspace` },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      }),
    );
    const result = await run(
      ["run", "--kubeconfig", testKubeconfigPath(), "--namespace", plain, "--run-id", runId],
      directory,
    );
    expect(result.stderr).toBe("");
    const reason = `pods refused: error looking up service account ${plain}/builder: serviceaccount "builder" not found; create the ServiceAccount builder in the run's namespace, or change the job's kubernetes.serviceAccountName`;
    const lines = result.stdout.split("\n");
    expect(lines).toContain(`[cmd] build: failed, ${reason}`);
    expect(lines.find((line) => line.startsWith("build "))?.split(/\s{2,}/)).toEqual([
      "build",
      "build",
      "failed",
      expect.stringMatching(/^\d+s$/),
      "-",
      reason,
    ]);
    expect(lines).toContain(`pipeline failed (run ${runId})`);
    expect(result.code).toBe(1);
  });
});

describe("pipecraft run --attach: a job refused before", () => {
  it("reports it failed with the reason stored on its Job, once the events are gone; never releases it", async () => {
    const runId = uniqueRunId("attref");
    const coordination = kc.makeApiClient(CoordinationV1Api);
    const lease = { name: `ci-run-${runId}`, namespace: plain };
    let refusal: string | undefined;
    // The first client: build is refused (missing ServiceAccount) while slow runs; then another
    // holder takes the run's owner Lease, and the first client stops (no cancel: the run goes on).
    const first = await runCase(
      kc,
      plain,
      {
        stages: ["build", "test"],
        jobs: {
          build: {
            stage: "build",
            image,
            script: ["make"],
            kubernetes: { serviceAccountName: "ghost" },
          },
          slow: { stage: "build", image, script: ["make slow"], kubernetes: kwok({ seconds: 20 }) },
          test: { stage: "test", image, script: ["make test"] },
        },
      },
      {
        runId,
        volumes,
        onEvent: (event) => {
          if (refusal !== undefined || event.type !== "job" || event.job !== "build") return;
          if (event.status !== "failed") return;
          refusal = event.reason;
          void (async () => {
            const held = await coordination.readNamespacedLease(lease);
            await coordination.replaceNamespacedLease({
              ...lease,
              body: { ...held, spec: { ...held.spec, holderIdentity: "elsewhere" } },
            });
          })();
        },
      },
    ).catch((error: unknown) => error);
    expect((first as Error).message).toMatch(/^this client no longer holds run /);
    expect(refusal).toBe(
      `pods refused: error looking up service account ${plain}/ghost: serviceaccount "ghost" not found; create the ServiceAccount ghost in the run's namespace, or change the job's kubernetes.serviceAccountName`,
    );
    // The run is free to attach to, and the FailedCreate events have expired (as after an
    // hour): only the Job's annotation still says why it failed.
    await coordination.deleteNamespacedLease(lease);
    const byBuild = `involvedObject.name=ci-${runId}-build`;
    await core.deleteCollectionNamespacedEvent({ namespace: plain, fieldSelector: byBuild });
    const events = await core.listNamespacedEvent({ namespace: plain, fieldSelector: byBuild });
    expect(events.items.filter((event) => event.reason === "FailedCreate")).toEqual([]);

    const directory = await makeProject({
      "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline({ jobs: { x: { stage: "test", image: "busybox", script: ["x"] } } });
`,
    });
    projects.push(directory);
    const attached = await run(
      ["run", "--attach", runId, "--kubeconfig", testKubeconfigPath(), "--namespace", plain],
      directory,
    );
    expect(attached.stderr).toBe("");
    const lines = attached.stdout.split("\n");
    expect(lines.filter((line) => line.startsWith("[ci] build: "))).toEqual([
      `[ci] build: failed, ${refusal}`,
    ]);
    expect(lines).toContain("[ci] slow: success");
    expect(lines.find((line) => line.startsWith("build "))?.split(/\s{2,}/)).toEqual([
      "build",
      "build",
      "failed",
      expect.stringMatching(/^\d+s$/),
      "-",
      refusal,
    ]);
    expect(
      lines
        .find((line) => line.startsWith("test "))
        ?.split(/\s{2,}/)
        .slice(0, 3),
    ).toEqual(["test", "test", "skipped"]);
    expect(lines).toContain(`pipeline failed (run ${runId})`);
    expect(attached.code).toBe(1);
    // Not waited for, not released: the Job is still suspended, says the same, and has no Pod.
    const job = await batch.readNamespacedJob({ name: `ci-${runId}-build`, namespace: plain });
    expect(job.spec?.suspend).toBe(true);
    expect(job.metadata?.annotations?.["pipecraft.dev/refused"]).toBe(refusal);
    const pods = await core.listNamespacedPod({
      namespace: plain,
      labelSelector: `job-name=ci-${runId}-build`,
    });
    expect(pods.items).toEqual([]);
    const record = await core.readNamespacedConfigMap({
      name: `ci-run-${runId}`,
      namespace: plain,
    });
    const recorded = JSON.parse(record.data?.status ?? "{}") as {
      status: string;
      jobs: { job: string; reason?: string }[];
    };
    expect(recorded.status).toBe("failed");
    expect(recorded.jobs.find((entry) => entry.job === "build")?.reason).toBe(refusal);
  });
});

describe("pipecraft run: a ResourceQuota", () => {
  let ns: string;
  beforeAll(async () => {
    const n = await createNamespace(kc, "rt-refused-quota");
    namespaces.push(n);
    ns = n.name;
  });

  it("fails a job that asks for more than the quota's limit", async () => {
    await quota(ns, { "requests.cpu": "100m" }, { "requests.cpu": "0" });
    const r = await runCase(
      kc,
      ns,
      {
        stages: ["build"],
        jobs: {
          build: {
            stage: "build",
            image,
            script: ["make"],
            kubernetes: { resources: { requests: { cpu: "1" } } },
          },
        },
      },
      { runId: uniqueRunId("qbig"), volumes },
    );
    await core.deleteNamespacedResourceQuota({ name: "q", namespace: ns });
    expect(r.result.status).toBe("failed");
    expect(r.result.jobs[0]?.reason).toBe(
      "pods refused: exceeded quota: q, requested: requests.cpu=1, used: requests.cpu=0, limited: requests.cpu=100m; the job asks for more than the namespace's ResourceQuota allows at all: lower its kubernetes.resources, or raise the quota",
    );
  });

  it("waits while the quota is full, says so once, and runs the job once it frees up", async () => {
    const hard = { pods: "1" };
    await quota(ns, hard, { pods: "1" });
    const r = await runCase(
      kc,
      ns,
      { stages: ["build"], jobs: { build: { stage: "build", image, script: ["make"] } } },
      {
        runId: uniqueRunId("qwait"),
        volumes,
        onEvent: (event) => {
          if (event.type === "job" && event.reason?.startsWith("waiting for quota")) {
            void setQuotaUse(ns, hard, { pods: "0" });
          }
        },
      },
    );
    expect(r.result.status).toBe("success");
    const waiting = r.events.filter(
      (event) => event.type === "job" && event.reason?.startsWith("waiting for quota"),
    );
    expect(
      waiting.map((event) => (event.type === "job" ? [event.status, event.reason] : [])),
    ).toEqual([
      [
        "pending",
        "waiting for quota: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1",
      ],
    ]);
    // The live table (a terminal's) says so in the job's status while it waits.
    const plan = { pipeline: "ci", runId: "x", namespace: ns, jobs: [], notRun: [], play: [] };
    let board = emptyBoard(plan);
    const frames: string[][] = [];
    for (const event of r.events) {
      board = nextBoard(board, event);
      if (event.type === "job") frames.push(boardLines(board, Date.parse(event.time)));
    }
    expect(frames.flat().filter((line) => line.includes("waiting for quota"))).toEqual([
      expect.stringMatching(
        /^build {2}build {2}pending \(waiting for quota\) {2}\d+s +exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1$/,
      ),
    ]);
    expect(frames.at(-1)?.at(-1)).toMatch(/^build {2}build {2}success {2}\d+s$/);
    await core.deleteNamespacedResourceQuota({ name: "q", namespace: ns });
  });

  it("waits for a quota whose status is not counted yet, and runs the job once it is", async () => {
    const hard = { pods: "1" };
    await quota(ns, hard, {});
    const r = await runCase(
      kc,
      ns,
      { stages: ["build"], jobs: { build: { stage: "build", image, script: ["make"] } } },
      {
        runId: uniqueRunId("qunk"),
        volumes,
        onEvent: (event) => {
          if (event.type === "job" && event.reason?.startsWith("waiting for quota")) {
            void setQuotaUse(ns, hard, { pods: "0" });
          }
        },
      },
    );
    await core.deleteNamespacedResourceQuota({ name: "q", namespace: ns });
    expect(r.result.status).toBe("success");
    expect(
      r.events.flatMap((event) =>
        event.type === "job" && event.reason !== undefined ? [[event.status, event.reason]] : [],
      ),
    ).toEqual([
      [
        "pending",
        "waiting for quota: status unknown for quota: q, resources: pods (the quota controller has not counted it yet)",
      ],
    ]);
  });

  it("--attach after the wait: the past hour's quota event does not make a running job wait again", async () => {
    const hard = { pods: "1" };
    await quota(ns, hard, { pods: "1" });
    const runId = uniqueRunId("attq");
    const coordination = kc.makeApiClient(CoordinationV1Api);
    const lease = { name: `ci-run-${runId}`, namespace: ns };
    let taken = false;
    // The first client sees build wait, then run; then another holder takes the run's owner
    // Lease and the first client stops while build still runs.
    const first = await runCase(
      kc,
      ns,
      {
        stages: ["build"],
        jobs: {
          build: { stage: "build", image, script: ["make"], kubernetes: kwok({ seconds: 20 }) },
        },
      },
      {
        runId,
        volumes,
        onEvent: (event) => {
          if (event.type !== "job" || event.job !== "build") return;
          if (event.reason?.startsWith("waiting for quota"))
            void setQuotaUse(ns, hard, { pods: "0" });
          if (event.status !== "running" || taken) return;
          taken = true;
          void (async () => {
            const held = await coordination.readNamespacedLease(lease);
            await coordination.replaceNamespacedLease({
              ...lease,
              body: { ...held, spec: { ...held.spec, holderIdentity: "elsewhere" } },
            });
          })();
        },
      },
    ).catch((error: unknown) => error);
    expect((first as Error).message).toMatch(/^this client no longer holds run /);
    await coordination.deleteNamespacedLease(lease);
    // The quota's FailedCreate event is still there for the attached client to list.
    const events = await core.listNamespacedEvent({
      namespace: ns,
      fieldSelector: `involvedObject.name=ci-${runId}-build,reason=FailedCreate`,
    });
    expect(events.items.length).toBe(1);

    const directory = await makeProject({
      "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline({ jobs: { x: { stage: "test", image: "busybox", script: ["x"] } } });
`,
    });
    projects.push(directory);
    const attached = await run(
      ["run", "--attach", runId, "--kubeconfig", testKubeconfigPath(), "--namespace", ns],
      directory,
    );
    await core.deleteNamespacedResourceQuota({ name: "q", namespace: ns });
    expect(attached.stderr).toBe("");
    // An attached client prints a job's status as it finds it (build is running: it was never
    // seen pending by this client), never the old wait.
    expect(attached.stdout).not.toContain("waiting for quota");
    expect(attached.stdout.split("\n").filter((line) => line.startsWith("[ci] build: "))).toEqual([
      "[ci] build: running",
      "[ci] build: success",
    ]);
    expect(attached.code).toBe(0);
  });

  it("prints the wait on the job's line off a terminal, then runs the job; exit 0", async () => {
    const hard = { pods: "1" };
    await quota(ns, hard, { pods: "1" });
    const directory = await makeProject({
      "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "cmdq" },
  stages: ["build"],
  jobs: { build: { stage: "build", image: "busybox", script: ["make"] } },
});
`,
    });
    projects.push(directory);
    const runId = uniqueRunId("cliq");
    volumes.push(
      await provideVolume(kc, ns, {
        metadata: { name: `cmdq-${runId}-workspace` },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      }),
    );
    const running = run(
      ["run", "--kubeconfig", testKubeconfigPath(), "--namespace", ns, "--run-id", runId],
      directory,
    );
    // The quota frees up once the Job controller has been refused (and the run has seen it).
    await waitFor("the build's FailedCreate event", async () => {
      const events = await core.listNamespacedEvent({
        namespace: ns,
        fieldSelector: `involvedObject.name=cmdq-${runId}-build,reason=FailedCreate`,
      });
      return events.items.length > 0 ? true : undefined;
    });
    await setQuotaUse(ns, hard, { pods: "0" });
    const result = await running;
    await core.deleteNamespacedResourceQuota({ name: "q", namespace: ns });
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    expect(lines.filter((line) => line.startsWith("[cmdq] build: "))).toEqual([
      "[cmdq] build: pending",
      "[cmdq] build: pending, waiting for quota: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1",
      "[cmdq] build: running",
      "[cmdq] build: success",
    ]);
    expect(result.code).toBe(0);
  });
});
