// `pipecraft run --source git` on the real control plane: the sources job is the run's first Job,
// every job that needs the sources waits for it (whatever its needs or stage) while a job with
// GIT_STRATEGY none does not, its spec carries GIT_DEPTH, GIT_SUBMODULE_STRATEGY, the image and
// the credentials Secret as a read-only mount (never a value; for an SSH remote with the ssh
// command that uses it), and a failed fetch (kwok's fail-exit-code annotation) skips the jobs
// that needed it and fails the run, naming the URL.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BatchV1Api,
  CoreV1Api,
  type KubeConfig,
  RbacAuthorizationV1Api,
  type V1Job,
  type V1Role,
  type V1RoleBinding,
} from "@kubernetes/client-node";
import { loadAll } from "js-yaml";
import type { PipelineInput } from "pipecraft";
import {
  type PlanSources,
  planRun,
  type RunEvent,
  runEventSchema,
  runPipeline,
} from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, run } from "../../packages/cli/test/project.js";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig, testKubeconfigPath } from "./kubeconfig.js";
import { kwok, model, provideVolume, uniqueRunId } from "./runtime-support.js";
import { userKubeConfig } from "./user-credentials.js";

const kc = testKubeConfig();
const batch = kc.makeApiClient(BatchV1Api);
const core = kc.makeApiClient(CoreV1Api);
let ns: { name: string; remove: () => Promise<void> };
const volumes: string[] = [];
const projects: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-sources");
  await core.createNamespacedSecret({
    namespace: ns.name,
    body: {
      metadata: { name: "git-token" },
      type: "kubernetes.io/basic-auth",
      stringData: { username: "ci", password: "t0ken-value" },
    },
  });
});
afterAll(async () => {
  await ns?.remove();
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
  for (const project of projects) await removeProject(project);
});

const SHA = "0123456789abcdef0123456789abcdef01234567";
// As the CLI reads them from the repository: the remote's URL may carry a token.
const predefined = {
  CI_REPOSITORY_URL: "https://ci:s3cret@git.example/shop.git",
  CI_COMMIT_SHA: SHA,
  CI_COMMIT_BRANCH: "main",
  CI_COMMIT_REF_NAME: "main",
};
const image = "busybox:1.36";
const job = (extra: Record<string, unknown> = {}) => ({ image, script: ["true"], ...extra });

/** Plans with `--source git`, gives the sources Pod kwok's annotations, runs to the end. */
async function runWithSources(
  input: PipelineInput,
  options: {
    runId: string;
    sources: PlanSources;
    sourcesPod?: Record<string, string>;
    /** The identity that runs it (default: the admin). */
    as?: KubeConfig;
    /** Instead of the remote `predefined` gives. */
    url?: string;
  },
) {
  const planned = planRun(model(input), {
    name: "ci",
    namespace: ns.name,
    runId: options.runId,
    predefined:
      options.url === undefined ? predefined : { ...predefined, CI_REPOSITORY_URL: options.url },
    sources: options.sources,
  });
  if (planned.plan === undefined || planned.objects === undefined) {
    throw new Error(planned.problems.join("\n"));
  }
  volumes.push(await provideVolume(kc, ns.name, planned.objects.workspace));
  const jobs = new Map(planned.objects.jobs);
  const sources = jobs.get("sources");
  if (sources !== undefined && options.sourcesPod !== undefined) {
    jobs.set("sources", withPodAnnotations(sources, options.sourcesPod));
  }
  const events: RunEvent[] = [];
  const result = await runPipeline({
    kubeConfig: options.as ?? kc,
    plan: planned.plan,
    objects: { ...planned.objects, jobs },
    onEvent: (event) => events.push(runEventSchema.parse(event)),
    logDirectory: mkdtempSync(join(tmpdir(), "pipecraft-sources-")),
  });
  const jobEvents = events.flatMap((e) => (e.type === "job" ? [e] : []));
  return { planned, result, events, jobEvents };
}

function withPodAnnotations(job: V1Job, annotations: Record<string, string>): V1Job {
  const template = job.spec?.template;
  return {
    ...job,
    spec: {
      ...job.spec,
      template: {
        ...template,
        metadata: { ...template?.metadata, annotations },
      },
    },
  } as V1Job;
}

describe.skipIf(testClusterKind() !== "local")("pipecraft run --source git", () => {
  it("the sources job starts first; jobs that need the sources wait for it, GIT_STRATEGY none does not", async () => {
    const runId = uniqueRunId("src");
    const { planned, result, events, jobEvents } = await runWithSources(
      {
        variables: { GIT_DEPTH: "5", GIT_SUBMODULE_STRATEGY: "recursive" },
        stages: ["build", "test"],
        jobs: {
          build: job({ stage: "build" }),
          docs: job({ stage: "test", needs: [] }),
          notes: job({ stage: "test", needs: [], variables: { GIT_STRATEGY: "none" } }),
          test: job({ stage: "test" }),
        },
      },
      {
        runId,
        sources: {
          kind: "git",
          image: "registry.example/git:2.45",
          credentialsSecret: "git-token",
        },
        sourcesPod: kwok({ seconds: 3 }).annotations,
      },
    );
    expect(result.status).toBe("success");
    // First in the plan (and so the first Job created), in GitLab's first stage.
    expect(planned.plan?.jobs.map((j) => [j.name, j.stage])).toEqual([
      ["sources", ".pre"],
      ["build", "build"],
      ["docs", "test"],
      ["notes", "test"],
      ["test", "test"],
    ]);
    const order = jobEvents.map((e) => `${e.job}: ${e.status}`);
    const released = jobEvents.filter((e) => e.status === "pending").map((e) => e.job);
    expect(released).toEqual(["sources", "notes", "build", "docs", "test"]);
    // `docs` has `needs: []` and still waits: nothing starts on an empty workspace but `notes`.
    const fetched = order.indexOf("sources: success");
    expect(order.indexOf("notes: pending")).toBeLessThan(fetched);
    for (const name of ["build", "docs"]) {
      expect(order.indexOf(`${name}: pending`)).toBeGreaterThan(fetched);
    }
    expect(events[0]).toMatchObject({
      type: "run",
      jobs: 5,
      sources: { kind: "git", url: "https://git.example/shop.git", commit: SHA, job: "sources" },
    });

    const sources = await batch.readNamespacedJob({
      name: `ci-${runId}-sources`,
      namespace: ns.name,
    });
    expect(sources.metadata?.labels).toMatchObject({
      "pipecraft.dev/run-id": runId,
      "pipecraft.dev/job": "sources",
    });
    expect(sources.metadata?.ownerReferences?.[0]?.name).toBe(`ci-run-${runId}`);
    expect(sources.spec?.backoffLimit).toBe(0);
    const pod = sources.spec?.template.spec;
    const container = pod?.containers[0];
    expect(container?.image).toBe("registry.example/git:2.45");
    const script = container?.command?.[2] ?? "";
    expect(container?.command?.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(script).toContain(
      'auth fetch -q --no-tags --depth 5 origin "+$CI_COMMIT_SHA:refs/pipecraft/commit"',
    );
    expect(script).toContain("git submodule sync --recursive");
    expect(script).toContain("auth submodule update --init --recursive --depth 5");
    expect(script).toContain("credential.helper=");
    expect(container?.terminationMessagePolicy).toBe("FallbackToLogsOnError");
    expect(container?.env).toEqual([
      { name: "CI_PROJECT_DIR", value: "/builds/ci" },
      { name: "CI_REPOSITORY_URL", value: "https://git.example/shop.git" },
      { name: "CI_COMMIT_SHA", value: SHA },
      { name: "CI_COMMIT_REF", value: "refs/heads/main" },
      { name: "GIT_TERMINAL_PROMPT", value: "0" },
      { name: "PIPECRAFT_GIT_CREDENTIALS", value: "git-token" },
    ]);
    expect(container?.volumeMounts).toEqual([
      { name: "workspace", mountPath: "/builds/ci" },
      { name: "git-credentials", mountPath: "/pipecraft/git-credentials", readOnly: true },
    ]);
    expect(pod?.volumes).toEqual([
      { name: "workspace", persistentVolumeClaim: { claimName: `ci-${runId}-workspace` } },
      {
        name: "git-credentials",
        secret: { secretName: "git-token", defaultMode: 0o400, optional: true },
      },
    ]);
    // The token of the remote's URL and the Secret's values are nowhere in the Job.
    expect(JSON.stringify(sources)).not.toMatch(/s3cret|t0ken-value/);
    // The sources Pod ran on the run's claim, as every job's does.
    const build = await batch.readNamespacedJob({ name: `ci-${runId}-build`, namespace: ns.name });
    expect(build.spec?.template.spec?.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe(
      `ci-${runId}-workspace`,
    );
  });

  it("an SSH remote: the API server takes the Job with GIT_SSH_COMMAND and the ssh-auth Secret, optional", async () => {
    await core.createNamespacedSecret({
      namespace: ns.name,
      body: {
        metadata: { name: "git-ssh" },
        type: "kubernetes.io/ssh-auth",
        stringData: {
          "ssh-privatekey": "not-a-real-key",
          known_hosts: "git.example ssh-ed25519 AAAA",
        },
      },
    });
    const runId = uniqueRunId("srcssh");
    const { result } = await runWithSources(
      { jobs: { build: job() } },
      {
        runId,
        url: "git@git.example:shop/app.git",
        sources: { kind: "git", credentialsSecret: "git-ssh" },
        sourcesPod: kwok({}).annotations,
      },
    );
    expect(result.status).toBe("success");
    const sources = await batch.readNamespacedJob({
      name: `ci-${runId}-sources`,
      namespace: ns.name,
    });
    const container = sources.spec?.template.spec?.containers[0];
    expect(container?.env).toContainEqual({
      name: "GIT_SSH_COMMAND",
      value:
        "ssh -i /pipecraft/git-credentials/ssh-privatekey -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=/pipecraft/git-credentials/known_hosts -o GlobalKnownHostsFile=/dev/null",
    });
    expect(container?.env).toContainEqual({
      name: "CI_REPOSITORY_URL",
      value: "git@git.example:shop/app.git",
    });
    expect(sources.spec?.template.spec?.volumes?.[1]).toEqual({
      name: "git-credentials",
      secret: { secretName: "git-ssh", defaultMode: 0o400, optional: true },
    });
    expect(JSON.stringify(sources)).not.toContain("not-a-real-key");
  });

  it("a failed fetch fails the run: it names the URL and the error; jobs that needed it are skipped, even always/on_failure", async () => {
    const runId = uniqueRunId("srcf");
    const { result, jobEvents } = await runWithSources(
      {
        stages: ["build", "test"],
        jobs: {
          build: job({ stage: "build" }),
          notes: job({ stage: "build", variables: { GIT_STRATEGY: "none" } }),
          cleanup: job({ stage: "test", when: "always" }),
          report: job({ stage: "test", when: "on_failure" }),
        },
      },
      { runId, sources: { kind: "git" }, sourcesPod: kwok({ exit: 128 }).annotations },
    );
    expect(result.status).toBe("failed");
    const skipped =
      "the sources job failed, so there is nothing to work on (GIT_STRATEGY none runs without sources)";
    const byJob = Object.fromEntries(
      result.jobs.map((j) => [j.job, [j.status, j.exitCode, j.reason]]),
    );
    expect(byJob).toEqual({
      sources: [
        "failed",
        128,
        `could not fetch https://git.example/shop.git at 01234567: exited with code 128 (pipecraft.dev/fail-exit-code)`,
      ],
      build: ["skipped", undefined, skipped],
      notes: ["success", 0, undefined],
      cleanup: ["skipped", undefined, skipped],
      report: ["skipped", undefined, skipped],
    });
    expect(
      jobEvents
        .filter((e) => e.status === "pending")
        .map((e) => e.job)
        .sort(),
    ).toEqual(["notes", "sources"]);
    // A client attaching to the ended run says the same, and exits 1.
    const attached = await run(
      ["run", "--kubeconfig", testKubeconfigPath(), "--namespace", ns.name, "--attach", runId],
      mkdtempSync(join(tmpdir(), "pipecraft-attach-")),
    );
    expect(attached.stdout.split("\n").slice(0, 2)).toEqual([
      `[ci] run ${runId} in namespace ${ns.name}: 5 jobs (record configmap/ci-run-${runId})`,
      '[ci] sources: git, job "sources" fetches https://git.example/shop.git at 01234567 before the other jobs (--source none leaves the workspace empty)',
    ]);
    // The log's path is the first client's when its last record write carried it, else the hint.
    expect(attached.stderr).toMatch(
      /^pipecraft run: the sources job could not fetch https:\/\/git\.example\/shop\.git at 01234567: exited with code 128 \(pipecraft\.dev\/fail-exit-code\); (pipecraft logs sources --run \S+ prints its log|its log: \S+\/sources\.log)\n$/,
    );
    expect(attached.code).toBe(1);
    // The skipped jobs were never released: their Jobs stay suspended, without Pods.
    for (const name of ["build", "cleanup", "report"]) {
      const object = await batch.readNamespacedJob({
        name: `ci-${runId}-${name}`,
        namespace: ns.name,
      });
      expect(object.spec?.suspend).toBe(true);
    }
  });

  it("GIT_STRATEGY none for the whole pipeline: no sources job, every job starts at once", async () => {
    const runId = uniqueRunId("srcn");
    const { planned, result, events } = await runWithSources(
      {
        variables: { GIT_STRATEGY: "none" },
        jobs: { a: job(), b: job() },
      },
      { runId, sources: { kind: "git" } },
    );
    expect(result.status).toBe("success");
    expect(planned.plan?.jobs.map((j) => j.name)).toEqual(["a", "b"]);
    expect(events[0]).toMatchObject({
      type: "run",
      jobs: 2,
      sources: { kind: "git", url: "https://git.example/shop.git", commit: SHA },
    });
    expect(events[0]?.type === "run" && events[0].sources).not.toHaveProperty("job");
  });
});

describe.skipIf(testClusterKind() !== "local")("pipecraft run --source git: RBAC", () => {
  it("a user bound to exactly the Role `pipecraft rbac` prints runs it (nothing more is needed)", async () => {
    const user = `pipecraft-sources-${Date.now().toString(36)}`;
    const printed = await run(["rbac", "--namespace", ns.name, "--user", user], tmpdir());
    expect(printed.code).toBe(0);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    const [role, binding] = loadAll(printed.stdout) as [V1Role, V1RoleBinding];
    await rbac.createNamespacedRole({ namespace: ns.name, body: role });
    await rbac.createNamespacedRoleBinding({ namespace: ns.name, body: binding });
    const { result } = await runWithSources(
      { jobs: { build: job() } },
      {
        runId: uniqueRunId("srcrb"),
        sources: { kind: "git", credentialsSecret: "git-token" },
        as: await userKubeConfig(kc, user),
      },
    );
    expect(result.jobs.map((j) => [j.job, j.status])).toEqual([
      ["sources", "success"],
      ["build", "success"],
    ]);
  });
});

describe.skipIf(testClusterKind() !== "local")("pipecraft run --source git: the command", () => {
  it("says in its first lines what it fetches and how to change it, then runs the sources job first", async () => {
    const directory = await makeProject({
      "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "cmd" },
  jobs: { build: { image: "busybox", script: ["make"] } },
});
`,
    });
    projects.push(directory);
    const runId = uniqueRunId("srccli");
    volumes.push(
      await provideVolume(kc, ns.name, {
        metadata: { name: `cmd-${runId}-workspace` },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      }),
    );
    const result = await run(
      [
        "run",
        "--kubeconfig",
        testKubeconfigPath(),
        "--namespace",
        ns.name,
        "--run-id",
        runId,
        "--source",
        "git",
        "--git-credentials",
        "git-token",
        "--var",
        "CI_REPOSITORY_URL=https://git.example/shop.git",
        "--var",
        `CI_COMMIT_SHA=${SHA}`,
      ],
      directory,
    );
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n").filter((line) => line.startsWith("[cmd] "));
    expect(lines.slice(0, 5)).toEqual([
      `[cmd] run ${runId} in namespace ${ns.name}: 2 jobs (record configmap/cmd-run-${runId})`,
      `[cmd] sources: git, job "sources" fetches https://git.example/shop.git at 01234567 before the other jobs (--source none leaves the workspace empty)`,
      "[cmd] sources: pending",
      "[cmd] sources: running",
      "[cmd] sources: success",
    ]);
    expect(lines).toContain("[cmd] build: success");
    expect(result.stdout).toMatch(/sources\s+\.pre\s+success/);
    expect(result.code).toBe(0);
  });
});
