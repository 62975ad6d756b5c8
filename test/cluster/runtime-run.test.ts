// `pipecraft run` as a cluster object: two runs of one pipeline side by side, cancel, the run
// record's garbage collection, the saved logs, the one-line errors of a refusing cluster, and the
// command itself (text and JSON output, exit codes) against the real control plane.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BatchV1Api,
  CertificatesV1Api,
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
} from "@kubernetes/client-node";
import { ClusterError, planRun, runEventSchema, runPipeline } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, repoRoot, run } from "../../packages/cli/test/project.js";
import { POD_LOG_LINES } from "./harness.js";
import { createNamespace, waitFor } from "./helpers.js";
import { testClusterKind, testKubeConfig, testKubeconfigPath } from "./kubeconfig.js";
import { keyAndCsr } from "./pki.js";
import { kwok, model, provideVolume, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
const batch = kc.makeApiClient(BatchV1Api);
const core = kc.makeApiClient(CoreV1Api);
let ns: { name: string; remove: () => Promise<void> };
const volumes: string[] = [];
const projects: string[] = [];
const workDir = mkdtempSync(join(tmpdir(), "pipecraft-runtime-"));

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-run");
});
afterAll(async () => {
  await ns?.remove();
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
  for (const project of projects) await removeProject(project);
  rmSync(workDir, { recursive: true, force: true });
});

const image = "busybox:1.36";
const twoStages = {
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", image, script: ["make"] },
    test: { stage: "test", image, script: ["make test"], kubernetes: kwok({ seconds: 2 }) },
  },
};

const runLabel = (runId: string) => `pipecraft.dev/pipeline=ci,pipecraft.dev/run-id=${runId}`;

describe.skipIf(testClusterKind() !== "local")("pipecraft run: a run is a cluster object", () => {
  it("two concurrent runs of one pipeline get their own Jobs and workspace, and both pass", async () => {
    const [first, second] = await Promise.all([
      runCase(kc, ns.name, twoStages, { runId: uniqueRunId("one"), volumes }),
      runCase(kc, ns.name, twoStages, { runId: uniqueRunId("two"), volumes }),
    ]);
    expect([first.result.status, second.result.status]).toEqual(["success", "success"]);
    const names = (r: typeof first) => r.planned.plan?.jobs.map((job) => job.objectName) ?? [];
    expect(names(first)).toHaveLength(2);
    expect(names(first).filter((name) => names(second).includes(name))).toEqual([]);
    for (const r of [first, second]) {
      const runId = r.planned.plan?.runId ?? "";
      const jobs = await batch.listNamespacedJob({
        namespace: ns.name,
        labelSelector: runLabel(runId),
      });
      expect(jobs.items.map((job) => job.metadata?.name).sort()).toEqual([...names(r)].sort());
      expect(jobs.items.every((job) => job.status?.succeeded === 1)).toBe(true);
      const claim = await core.readNamespacedPersistentVolumeClaim({
        name: `ci-${runId}-workspace`,
        namespace: ns.name,
      });
      expect(claim.metadata?.ownerReferences?.[0]).toMatchObject({
        kind: "ConfigMap",
        name: `ci-run-${runId}`,
      });
      const record = await core.readNamespacedConfigMap({
        name: `ci-run-${runId}`,
        namespace: ns.name,
      });
      expect(
        JSON.parse(record.data?.plan ?? "{}").jobs.map((j: { name: string }) => j.name),
      ).toEqual(["build", "test"]);
      expect(JSON.parse(record.data?.status ?? "{}").status).toBe("success");
    }
  });

  it("writes each job's log, as the Pod served it, to <logs>/<job>.log", async () => {
    const r = await runCase(kc, ns.name, twoStages, { runId: uniqueRunId("log"), volumes });
    for (const job of ["build", "test"]) {
      const text = readFileSync(join(r.logDirectory, `${job}.log`), "utf8");
      expect(text.trimEnd().split("\n")).toEqual(POD_LOG_LINES);
    }
    expect(r.result.jobs.map((job) => job.log)).toEqual([
      join(r.logDirectory, "build.log"),
      join(r.logDirectory, "test.log"),
    ]);
    expect(r.result.jobs.map((job) => [job.exitCode, typeof job.durationSeconds])).toEqual([
      [0, "number"],
      [0, "number"],
    ]);
  });

  it("cancel deletes the running Jobs with their Pods and marks the record canceled", async () => {
    const controller = new AbortController();
    const runId = uniqueRunId("cancel");
    const r = await runCase(
      kc,
      ns.name,
      {
        stages: ["build", "test"],
        jobs: {
          long: {
            stage: "build",
            image,
            script: ["sleep 600"],
            kubernetes: kwok({ seconds: 600 }),
          },
          later: { stage: "test", image, script: ["true"] },
        },
      },
      {
        runId,
        volumes,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === "job" && event.job === "long" && event.status === "running") {
            controller.abort();
          }
        },
      },
    );
    expect(r.result.status).toBe("canceled");
    expect(r.result.jobs.map((job) => [job.job, job.status])).toEqual([
      ["long", "canceled"],
      ["later", "canceled"],
    ]);
    const jobs = await batch.listNamespacedJob({
      namespace: ns.name,
      labelSelector: runLabel(runId),
    });
    // The released Job is gone; the one never released stays suspended, with no Pod.
    expect(jobs.items.map((job) => [job.metadata?.name, job.spec?.suspend])).toEqual([
      [`ci-${runId}-later`, true],
    ]);
    const pods = await core.listNamespacedPod({
      namespace: ns.name,
      labelSelector: runLabel(runId),
    });
    expect(pods.items).toEqual([]);
    const record = await core.readNamespacedConfigMap({
      name: `ci-run-${runId}`,
      namespace: ns.name,
    });
    expect(JSON.parse(record.data?.status ?? "{}").status).toBe("canceled");
  });

  it("deleting the run record garbage-collects the run's Jobs, Pods and claim", async () => {
    const runId = uniqueRunId("gc");
    await runCase(kc, ns.name, twoStages, { runId, volumes });
    const selector = runLabel(runId);
    expect(
      (await batch.listNamespacedJob({ namespace: ns.name, labelSelector: selector })).items,
    ).toHaveLength(2);
    await core.deleteNamespacedConfigMap({ name: `ci-run-${runId}`, namespace: ns.name });
    await waitFor("the run's objects to be garbage-collected", async () => {
      const jobs = await batch.listNamespacedJob({ namespace: ns.name, labelSelector: selector });
      const pods = await core.listNamespacedPod({ namespace: ns.name, labelSelector: selector });
      const claims = await core.listNamespacedPersistentVolumeClaim({
        namespace: ns.name,
        labelSelector: selector,
      });
      return jobs.items.length + pods.items.length + claims.items.length === 0 ? true : undefined;
    });
  });

  it("a second run with the same id is refused, naming the record", async () => {
    const runId = uniqueRunId("twice");
    await runCase(kc, ns.name, twoStages, { runId, volumes });
    const planned = planRun(model(twoStages), { name: "ci", namespace: ns.name, runId });
    const error = await runPipeline({
      kubeConfig: kc,
      plan: planned.plan!,
      objects: planned.objects!,
      onEvent: () => {},
      logDirectory: workDir,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect(error.message).toBe(
      `run ${runId} of ci already exists in namespace "${ns.name}" (configmap/ci-run-${runId}); choose another --run-id`,
    );
  });

  it("a namespace that does not exist stops the run with one line", async () => {
    const planned = planRun(model(twoStages), { name: "ci", namespace: "no-such-ns", runId: "x1" });
    const error = await runPipeline({
      kubeConfig: kc,
      plan: planned.plan!,
      objects: planned.objects!,
      onEvent: () => {},
      logDirectory: workDir,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect(error.message).toBe(
      'namespace "no-such-ns" does not exist (create configmaps returned 404); create it (kubectl create namespace no-such-ns) or choose another with --namespace',
    );
  });

  it("403: the message names the verb, resource, namespace and the missing RBAC rule", async () => {
    const user = `pipecraft-runner-${Date.now().toString(36)}`;
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: ns.name,
      body: {
        metadata: { name: user },
        rules: [{ apiGroups: ["batch"], resources: ["jobs"], verbs: ["create", "list", "watch"] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns.name,
      body: {
        metadata: { name: user },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: user },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
      },
    });
    const userKc = await userKubeConfig(user);
    const planned = planRun(model(twoStages), { name: "ci", namespace: ns.name, runId: "rbac1" });
    const error = await runPipeline({
      kubeConfig: userKc,
      plan: planned.plan!,
      objects: planned.objects!,
      onEvent: () => {},
      logDirectory: workDir,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect(error.message).toBe(
      `forbidden: cannot create configmaps in namespace "${ns.name}" (403); the run's identity needs a Role in "${ns.name}" with the rule apiGroups: [""], resources: ["configmaps"], verbs: ["create"]`,
    );
  });
});

describe.skipIf(testClusterKind() !== "local")("pipecraft run: the command", () => {
  async function project(pipeline: string): Promise<string> {
    const directory = await makeProject({ "pipeline.ts": pipeline });
    projects.push(directory);
    return directory;
  }

  const source = (jobs: string) => `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "cmd" },
  stages: ["build", "deploy"],
  jobs: {${jobs}},
});
`;

  async function volumeFor(runId: string): Promise<void> {
    const name = await provideVolume(kc, ns.name, {
      metadata: { name: `cmd-${runId}-workspace` },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    volumes.push(name);
  }

  it("prints one line per state change and a summary; exit 0 when the pipeline passed", async () => {
    const directory = await project(
      source(`
    build: { stage: "build", image: "busybox", script: ["make"] },
    deploy: { stage: "deploy", image: "busybox", script: ["make deploy"] },`),
    );
    const runId = uniqueRunId("cli");
    await volumeFor(runId);
    const args = [
      "run",
      "--kubeconfig",
      testKubeconfigPath(),
      "--namespace",
      ns.name,
      "--run-id",
      runId,
    ];
    const result = await run(args, directory);
    expect(result.stderr).toBe("");
    // The live log lines (`build  | …`, see runtime-live-logs.test.ts) come between the others.
    const logLine = /^(build|deploy)\s+\| /;
    const all = result.stdout.split("\n");
    expect(all.filter((line) => logLine.test(line))).toHaveLength(2 * POD_LOG_LINES.length);
    const lines = all.filter((line) => !logLine.test(line));
    expect(lines.slice(0, 8)).toEqual([
      `[cmd] run ${runId} in namespace ${ns.name}: 2 jobs (record configmap/cmd-run-${runId})`,
      "[cmd] sources: none, the workspace starts empty (--source git clones CI_REPOSITORY_URL in a first job, --source local uploads this git working tree)",
      "[cmd] build: pending",
      "[cmd] build: running",
      "[cmd] build: success",
      "[cmd] deploy: pending",
      "[cmd] deploy: running",
      "[cmd] deploy: success",
    ]);
    expect(lines.slice(8, 12).map((line) => line.split(/\s+/).slice(0, 3).join(" "))).toEqual([
      "",
      "JOB STAGE STATUS",
      "build build success",
      "deploy deploy success",
    ]);
    expect(lines.slice(-3)).toEqual(["", `pipeline success (run ${runId})`, ""]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(directory, ".pipecraft/runs", runId, "build.log"), "utf8")).toContain(
      POD_LOG_LINES[0],
    );
  });

  it("--output json: one event per line; a blocking manual job exits 1 (blocked)", async () => {
    const directory = await project(
      source(`
    build: { stage: "build", image: "busybox", script: ["make"] },
    deploy: { stage: "deploy", image: "busybox", script: ["make deploy"], when: "manual", allow_failure: false },`),
    );
    const runId = uniqueRunId("json");
    await volumeFor(runId);
    const args = [
      "run",
      "--kubeconfig",
      testKubeconfigPath(),
      "--namespace",
      ns.name,
      "--run-id",
      runId,
      "--output",
      "json",
    ];
    const result = await run(args, directory);
    const events = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(
      events
        .filter((e) => e.type !== "log")
        .map((e) => [
          e.type,
          e.job ?? e.status ?? e.runId,
          e.type === "job" ? e.status : undefined,
        ]),
    ).toEqual([
      ["run", runId, undefined],
      ["job", "build", "pending"],
      ["job", "build", "running"],
      ["job", "build", "success"],
      ["job", "deploy", "manual"],
      ["summary", "blocked", undefined],
    ]);
    // The job's log, live (kwok serves two lines), after it was seen running, before the summary.
    expect(events.filter((e) => e.type === "log").map((e) => [e.job, e.line])).toEqual(
      POD_LOG_LINES.map((line) => ["build", line]),
    );
    const firstLog = events.findIndex((e) => e.type === "log");
    expect(firstLog).toBeGreaterThan(events.findIndex((e) => e.status === "running"));
    expect(events.every((e) => typeof e.time === "string")).toBe(true);
    // Every line is an event of the documented schema, exactly (no field left out of it).
    expect(events.map((e) => runEventSchema.parse(e))).toEqual(events);
    expect(result.code).toBe(1);
  });

  it("--all-manual plays every manual job: the blocking one runs and the pipeline passes", async () => {
    const directory = await project(
      source(`
    build: { stage: "build", image: "busybox", script: ["make"] },
    deploy: { stage: "deploy", image: "busybox", script: ["make deploy"], when: "manual", allow_failure: false },`),
    );
    const runId = uniqueRunId("allman");
    await volumeFor(runId);
    const result = await run(
      [
        "run",
        "--kubeconfig",
        testKubeconfigPath(),
        "--namespace",
        ns.name,
        "--run-id",
        runId,
        "--output",
        "json",
        "--all-manual",
      ],
      directory,
    );
    const events = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(
      events.filter((e) => e.type === "job" && e.job === "deploy").map((e) => e.status),
    ).toEqual(["pending", "running", "success"]);
    expect(events.at(-1)).toMatchObject({ type: "summary", status: "success" });
    expect(result.code).toBe(0);
  });

  it("SIGTERM to the binary cancels the run: running Jobs deleted, summary printed, exit 130", async () => {
    const directory = await project(
      source(`
    build: { stage: "build", image: "busybox", script: ["sleep 600"], kubernetes: { annotations: { "pipecraft.dev/run-duration": "600s" } } },
    deploy: { stage: "deploy", image: "busybox", script: ["make deploy"] },`),
    );
    const runId = uniqueRunId("term");
    await volumeFor(runId);
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, "packages/cli/bin/pipecraft.js"),
        "run",
        "--kubeconfig",
        testKubeconfigPath(),
        "--namespace",
        ns.name,
        "--run-id",
        runId,
      ],
      { cwd: directory, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    let terminated = false;
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      // Once: a second SIGTERM would exit at once, without the summary.
      if (!terminated && stdout.includes("[cmd] build: running\n")) {
        terminated = true;
        child.kill("SIGTERM");
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(stdout.split("\n").filter((line) => line.startsWith("[cmd] "))).toEqual([
      `[cmd] run ${runId} in namespace ${ns.name}: 2 jobs (record configmap/cmd-run-${runId})`,
      "[cmd] sources: none, the workspace starts empty (--source git clones CI_REPOSITORY_URL in a first job, --source local uploads this git working tree)",
      "[cmd] build: pending",
      "[cmd] build: running",
      "[cmd] build: canceled, the run was canceled",
      "[cmd] deploy: canceled, the run was canceled",
    ]);
    expect(stdout).toContain(`pipeline canceled (run ${runId})`);
    expect(stderr).toBe("");
    expect(code).toBe(130);
    const pods = await core.listNamespacedPod({
      namespace: ns.name,
      labelSelector: `pipecraft.dev/run-id=${runId}`,
    });
    expect(pods.items).toEqual([]);
    const jobs = await batch.listNamespacedJob({
      namespace: ns.name,
      labelSelector: `pipecraft.dev/run-id=${runId}`,
    });
    expect(jobs.items.map((job) => job.metadata?.name)).toEqual([`cmd-${runId}-deploy`]);
  });

  it("a namespace that does not exist: one line on stderr, exit 1", async () => {
    const directory = await project(
      source(`build: { stage: "build", image: "busybox", script: ["make"] },`),
    );
    const args = [
      "run",
      "--kubeconfig",
      testKubeconfigPath(),
      "--namespace",
      "missing-ns",
      "--run-id",
      "m1",
    ];
    const result = await run(args, directory);
    expect(result.stderr).toBe(
      'pipecraft run: namespace "missing-ns" does not exist (create configmaps returned 404); create it (kubectl create namespace missing-ns) or choose another with --namespace\n',
    );
    expect(result.code).toBe(1);
  });
});

/** A kubeconfig for `user`, authenticated by a client certificate the cluster signed. */
async function userKubeConfig(user: string): Promise<KubeConfig> {
  const certs = kc.makeApiClient(CertificatesV1Api);
  const { keyPem, csrPem } = keyAndCsr(workDir, user, user);
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const csr = await certs.createCertificateSigningRequest({
    body: {
      metadata: { name: user },
      spec: {
        request: b64(csrPem),
        signerName: "kubernetes.io/kube-apiserver-client",
        usages: ["client auth"],
        expirationSeconds: 3600,
      },
    },
  });
  csr.status = {
    conditions: [{ type: "Approved", status: "True", reason: "PipecraftTest", message: "test" }],
  };
  await certs.replaceCertificateSigningRequestApproval({ name: user, body: csr });
  const cert = await waitFor(`CSR ${user} signed`, async () => {
    const c = await certs.readCertificateSigningRequest({ name: user });
    return c.status?.certificate || undefined;
  });
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error("no cluster");
  const userKc = new KubeConfig();
  userKc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: user, certData: cert, keyData: b64(keyPem) }],
    contexts: [{ name: user, cluster: cluster.name, user }],
    currentContext: user,
  });
  writeFileSync(join(workDir, `${user}.kubeconfig`), userKc.exportConfig());
  return userKc;
}
