// `pipecraft run --source local` when the upload fails: kwok's fake node has no `exec`, so the
// helper Pod starts but the tar stream cannot reach it. The run must not stay `running`: its record
// ends `failed` with the reason, no job is released (each skipped, its Job still suspended), the
// summary says why, and the exit code is 1.
import { execFileSync } from "node:child_process";
import { BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { runEventSchema } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, run } from "../../packages/cli/test/project.js";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig, testKubeconfigPath } from "./kubeconfig.js";
import { provideVolume, uniqueRunId } from "./runtime-support.js";

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const batch = kc.makeApiClient(BatchV1Api);
let ns: { name: string; remove: () => Promise<void> };
const volumes: string[] = [];
const projects: string[] = [];

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-source");
});
afterAll(async () => {
  await ns?.remove();
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
  for (const project of projects) await removeProject(project);
});

const pipeline = `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "src" },
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", image: "busybox", script: ["make"] },
    test: { stage: "test", image: "busybox", script: ["make test"] },
  },
});
`;

/** A git working tree holding the pipeline, and the volume its run's workspace claim binds to. */
async function prepare(runId: string): Promise<string> {
  const directory = await makeProject({ "pipeline.ts": pipeline, "src/main.c": "int main;\n" });
  projects.push(directory);
  execFileSync("git", ["init", "-q"], { cwd: directory });
  volumes.push(
    await provideVolume(kc, ns.name, {
      metadata: { name: `src-${runId}-workspace` },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    }),
  );
  return directory;
}

const runArgs = (runId: string, ...more: string[]) => [
  "run",
  "--source",
  "local",
  "--kubeconfig",
  testKubeconfigPath(),
  "--namespace",
  ns.name,
  "--run-id",
  runId,
  ...more,
];

// kwok's node answers an exec with an error status, or now and then closes the stream without
// any status: either way one line naming the helper Pod and the command.
const FAILED =
  /^in the workspace helper Pod rt-source-\w+\/src-[\w-]+-source, `tar -x -f` (failed: .*no exec found for container "workspace" in pod .*|ended without an exit status \(the connection closed\); its node must support exec \(kubectl exec\))$/;

const NOT_STARTED = "not started: the sources could not be uploaded into the workspace";

describe.skipIf(testClusterKind() !== "local")(
  "pipecraft run --source local: a failed upload",
  () => {
    it("ends the run failed with the reason: record, summary, exit code 1, no job released", async () => {
      const runId = uniqueRunId("up");
      const directory = await prepare(runId);
      const result = await run(runArgs(runId), directory);
      expect(result.code).toBe(1);
      // One line on stderr; the same reason ends the summary.
      expect(result.stderr).toMatch(/^pipecraft run: [^\n]+\n$/);
      const reason = result.stderr.slice("pipecraft run: ".length, -1);
      expect(reason).toMatch(FAILED);
      const lines = result.stdout.trimEnd().split("\n");
      expect(lines).toContain(`[src] build: skipped, ${NOT_STARTED}`);
      expect(lines).toContain(`[src] test: skipped, ${NOT_STARTED}`);
      const last = lines.at(-1) ?? "";
      expect(last).toBe(`pipeline failed (run ${runId}): ${reason}`);

      const record = await core.readNamespacedConfigMap({
        name: `src-run-${runId}`,
        namespace: ns.name,
      });
      const status = JSON.parse(record.data?.status ?? "{}");
      expect(status).toMatchObject({
        status: "failed",
        reason,
        jobs: [
          { job: "build", status: "skipped", reason: NOT_STARTED },
          { job: "test", status: "skipped", reason: NOT_STARTED },
        ],
      });
      // Nothing was released, and the helper Pod is gone.
      const jobs = await batch.listNamespacedJob({
        namespace: ns.name,
        labelSelector: `pipecraft.dev/run-id=${runId}`,
      });
      expect(jobs.items.map((job) => job.spec?.suspend)).toEqual([true, true]);
      const pods = await core.listNamespacedPod({
        namespace: ns.name,
        labelSelector: `pipecraft.dev/run-id=${runId}`,
      });
      expect(pods.items.filter((pod) => pod.metadata?.deletionTimestamp === undefined)).toEqual([]);

      // Attaching to the ended run prints the same summary and exit code.
      const attached = await run(
        ["run", "--attach", runId, "--kubeconfig", testKubeconfigPath(), "--namespace", ns.name],
        directory,
      );
      expect(attached.code).toBe(1);
      expect(attached.stdout.trimEnd().split("\n").at(-1)).toBe(last);
    });

    it("--output json: the summary event carries the reason", async () => {
      const runId = uniqueRunId("upj");
      const directory = await prepare(runId);
      const result = await run(runArgs(runId, "--output", "json"), directory);
      expect(result.stderr).toMatch(/^pipecraft run: in the workspace helper Pod [^\n]+\n$/);
      expect(result.code).toBe(1);
      const events = result.stdout
        .trimEnd()
        .split("\n")
        .map((line) => runEventSchema.parse(JSON.parse(line)));
      const summary = events.at(-1);
      if (summary?.type !== "summary") throw new Error(`no summary last: ${result.stdout}`);
      expect(summary.status).toBe("failed");
      expect(summary.reason).toMatch(FAILED);
      expect(summary.jobs.map((job) => job.reason)).toEqual([NOT_STARTED, NOT_STARTED]);
    });
  },
);
