// `pipecraft run --attach` takes over the `resource_group` Lease of the dead client's running
// job: the client that started the run is SIGKILLed while its deploy (group "production") runs;
// another run's deploy waits for the group; the attached client adopts the Lease (it renews it,
// its token in the Lease's annotation), so the other run's deploy starts only after the first
// deploy has ended — not when the dead client's last renewal would have expired — and the
// Lease is deleted at the end.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { BatchV1Api, CoordinationV1Api, CoreV1Api } from "@kubernetes/client-node";
import type { RunEvent } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, repoRoot, run } from "../../packages/cli/test/project.js";
import { createNamespace, waitFor } from "./helpers.js";
import { testClusterKind, testKubeConfig, testKubeconfigPath } from "./kubeconfig.js";
import { kwok, provideVolume, runCase, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const batch = kc.makeApiClient(BatchV1Api);
const coordination = kc.makeApiClient(CoordinationV1Api);
let ns: { name: string; remove: () => Promise<void> };
const volumes: string[] = [];
const projects: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-att-rg");
});
afterAll(async () => {
  await ns?.remove();
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
  for (const project of projects) await removeProject(project);
});

/** A deploy in group "production" that runs `seconds` (longer than a Lease's 30 s term). */
const deployFor = (seconds: number) => ({
  stages: ["deploy"],
  jobs: {
    deploy: {
      stage: "deploy",
      image: "busybox",
      script: ["make deploy"],
      resource_group: "production",
      kubernetes: kwok({ seconds }),
    },
  },
});

const GROUP_LEASE = "pipecraft-rg-production";

/** Starts `pipecraft run` as its own process; resolves once its deploy is running. */
async function startRun(
  directory: string,
  runId: string,
): Promise<{ child: ChildProcess; exit: Promise<number | null> }> {
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
  const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("[alr] deploy: running\n")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`run exited early (${code}):\n${stdout}`)));
  });
  return { child, exit };
}

const readLease = (name: string) => coordination.readNamespacedLease({ name, namespace: ns.name });

describe.skipIf(testClusterKind() !== "local")("pipecraft run --attach and resource_group", () => {
  it("takes over the dead client's group Lease, renews it, and frees it when the job ends", async () => {
    const runId = uniqueRunId("alr");
    const directory = await makeProject({
      "pipeline.ts": `import { pipeline } from "pipecraft";
export default pipeline(${JSON.stringify({ kubernetes: { name: "alr" }, ...deployFor(35) })});
`,
    });
    projects.push(directory);
    volumes.push(
      await provideVolume(kc, ns.name, {
        metadata: { name: `alr-${runId}-workspace` },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      }),
    );
    const { child, exit } = await startRun(directory, runId);
    const firstClient = (await readLease(`alr-run-${runId}`)).spec?.holderIdentity;
    const before = await readLease(GROUP_LEASE);
    expect(before.spec?.holderIdentity).toBe(`alr-${runId}-deploy`);
    expect(before.metadata?.labels).toMatchObject({
      "pipecraft.dev/run-id": runId,
      "pipecraft.dev/pipeline": "alr",
    });
    expect(before.metadata?.annotations?.["pipecraft.dev/client"]).toBe(firstClient);
    const killedAt = Date.now();
    child.kill("SIGKILL");
    await exit;

    // Another run's deploy wants the group while the dead client's job still runs.
    const other: RunEvent[] = [];
    const otherRun = runCase(kc, ns.name, deployFor(1), {
      runId: uniqueRunId("alo"),
      name: "alo",
      volumes,
      onEvent: (event) => other.push(event),
    });
    const attached = run(
      ["run", "--attach", runId, "--kubeconfig", testKubeconfigPath(), "--namespace", ns.name],
      directory,
    );
    // The attached client holds the run (its owner Lease) and renews the group's Lease.
    const newClient = await waitFor(
      "the attached client to adopt the group Lease",
      async () => {
        const owner = (await readLease(`alr-run-${runId}`)).spec?.holderIdentity;
        const group = await readLease(GROUP_LEASE);
        const renewer = group.metadata?.annotations?.["pipecraft.dev/client"];
        return owner !== firstClient && renewer === owner ? owner : undefined;
      },
      { timeoutMs: 40_000 },
    );
    expect(newClient).toBeDefined();
    const adopted = await readLease(GROUP_LEASE);
    expect(adopted.spec?.holderIdentity).toBe(`alr-${runId}-deploy`);

    const [result, second] = await Promise.all([attached, otherRun]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("[alr] deploy: success");
    expect(second.result.status).toBe("success");

    // The other deploy waited for the group, and was released only after the first had ended:
    // that was past the 30 s the dead client's last renewal would have held the group.
    const deploy = await batch.readNamespacedJob({
      name: `alr-${runId}-deploy`,
      namespace: ns.name,
    });
    const ended = new Date(deploy.status?.completionTime ?? Number.POSITIVE_INFINITY).getTime();
    expect(ended).toBeGreaterThan(killedAt + 30_000);
    const states = other.flatMap((e) => (e.type === "job" ? [e] : []));
    expect(states.map((e) => e.status)).toEqual([
      "waiting_for_resource",
      "pending",
      "running",
      "success",
    ]);
    const released = Date.parse(states.find((e) => e.status === "pending")?.time ?? "");
    expect(released).toBeGreaterThanOrEqual(ended);
    // Every lock was given back.
    const leases = await coordination.listNamespacedLease({
      namespace: ns.name,
      labelSelector: "pipecraft.dev/resource-group",
    });
    expect(leases.items).toEqual([]);
  }, 180_000);
});
