// `pipecraft apply` on the control plane: server-side apply with field manager pipecraft, a second
// apply changes nothing, --dry-run=server and --diff change nothing, a changed Job template is
// refused with the --replace fix (and --replace works), conflicts name --force-conflicts, and
// --prune deletes what is no longer generated through an ApplySet kubectl recognizes.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BatchV1Api, CoreV1Api, KubernetesObjectApi, PatchStrategy } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, run } from "../../packages/cli/test/project.js";
import { createNamespace } from "./helpers.js";
import { testKubeConfig, testKubeconfigPath } from "./kubeconfig.js";

const kc = testKubeConfig();
const batch = kc.makeApiClient(BatchV1Api);
let ns: { name: string; remove: () => Promise<void> };
let project: string;

const source = (jobs: string) => `import { pipeline } from "pipecraft";
export default pipeline({
  kubernetes: { name: "shop" },
  stages: ["build", "test"],
  jobs: { ${jobs} },
});
`;
const build = (script: string) =>
  `build: { stage: "build", image: "busybox:1.36", script: ["${script}"] },`;
const test = `test: { stage: "test", image: "busybox:1.36", script: ["make test"] },`;

async function write(jobs: string) {
  await writeFile(join(project, "pipeline.ts"), source(jobs));
}
const apply = (...args: string[]) =>
  run(["apply", "--kubeconfig", testKubeconfigPath(), "--namespace", ns.name, ...args], project);

beforeAll(async () => {
  ns = await createNamespace(kc, "cli-apply");
  project = await makeProject({ "pipeline.ts": source(build("make") + test) });
});
afterAll(async () => {
  await ns?.remove();
  await removeProject(project);
});

describe("pipecraft apply", () => {
  it("applies with field manager pipecraft; a second apply changes nothing", async () => {
    await write(build("make") + test);
    const first = await apply();
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      [
        "persistentvolumeclaim/shop-workspace created",
        "job.batch/shop-build created",
        "job.batch/shop-test created",
        "",
      ].join("\n"),
    );
    const job = await batch.readNamespacedJob({ name: "shop-build", namespace: ns.name });
    expect(job.metadata?.managedFields?.map((f) => `${f.manager}:${f.operation}`)).toContain(
      "pipecraft:Apply",
    );
    const again = await apply();
    expect(again.stdout).toBe(
      [
        "persistentvolumeclaim/shop-workspace unchanged",
        "job.batch/shop-build unchanged",
        "job.batch/shop-test unchanged",
        "",
      ].join("\n"),
    );
  });

  it("--dry-run=server and --diff change nothing; --diff prints live against intended", async () => {
    await write(build("make all") + test);
    const dry = await apply("--dry-run", "server", "--replace");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("job.batch/shop-build replaced (server dry run)");
    const diff = await apply("--diff");
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain("--- live/job.batch/shop-build");
    expect(diff.stdout).toContain("+++ intended/job.batch/shop-build");
    expect(diff.stdout).toMatch(/^-.*make$/m);
    expect(diff.stdout).toMatch(/^\+.*make all$/m);
    expect(diff.stdout).not.toContain("shop-test");
    const job = await batch.readNamespacedJob({ name: "shop-build", namespace: ns.name });
    expect(JSON.stringify(job.spec?.template.spec?.containers)).not.toContain("make all");
    await write(build("make") + test);
    const same = await apply("--diff");
    expect([same.code, same.stdout]).toEqual([0, ""]);
  });

  it("a changed Job template is refused with the --replace fix; --replace recreates it", async () => {
    await write(build("make all") + test);
    const refused = await apply();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `pipecraft apply: job.batch/shop-build in namespace "${ns.name}": spec.template is immutable and the pipeline changes it; rerun with --replace to delete and recreate it (its Pods and their logs go with it)\n`,
    );
    const replaced = await apply("--replace", "--wait");
    expect(replaced.stderr).toBe("");
    expect(replaced.stdout).toContain("job.batch/shop-build replaced\n");
    const job = await batch.readNamespacedJob({ name: "shop-build", namespace: ns.name });
    expect(JSON.stringify(job.spec?.template.spec?.containers)).toContain("make all");
  });

  it("a field another manager owns is a conflict that names --force-conflicts", async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    await objects.patch(
      {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: {
          name: "shop-test",
          namespace: ns.name,
          labels: { "pipecraft.dev/pipeline": "someone-else" },
        },
      },
      undefined,
      undefined,
      "other-tool",
      true,
      PatchStrategy.ServerSideApply,
    );
    const refused = await apply();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^pipecraft apply: job\\.batch/shop-test in namespace "${ns.name}": Apply failed with 1 conflict: conflict with "other-tool".*; rerun with --force-conflicts to take these fields over for pipecraft\\n$`,
      ),
    );
    const forced = await apply("--force-conflicts");
    expect(forced.code).toBe(0);
  });

  it("--prune deletes what is no longer generated; the set is a kubectl ApplySet", async () => {
    await write(build("make all") + test);
    const first = await apply("--prune");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    await write(build("make all"));
    const second = await apply("--prune", "--wait");
    expect(second.stderr).toBe("");
    expect(second.stdout).toContain("job.batch/shop-test pruned\n");
    const jobs = await batch.listNamespacedJob({ namespace: ns.name });
    expect(jobs.items.map((j) => j.metadata?.name)).toEqual(["shop-build"]);
    // The parent, as kubectl's ApplySet reads it (KEP-3659).
    const parent = await kc
      .makeApiClient(CoreV1Api)
      .readNamespacedSecret({ name: "pipecraft-shop", namespace: ns.name });
    const id = `applyset-${createHash("sha256").update(`pipecraft-shop.${ns.name}.Secret.`).digest("base64url")}-v1`;
    expect(parent.metadata?.labels?.["applyset.kubernetes.io/id"]).toBe(id);
    expect(parent.metadata?.annotations?.["applyset.kubernetes.io/contains-group-kinds"]).toBe(
      "Job.batch,PersistentVolumeClaim",
    );
    expect(parent.metadata?.annotations?.["applyset.kubernetes.io/tooling"]).toMatch(
      /^pipecraft\/v\d/,
    );
    expect(jobs.items[0]?.metadata?.labels?.["applyset.kubernetes.io/part-of"]).toBe(id);
  });
});

describe("pipecraft apply of many objects of a kind (listed at once, not read one by one)", () => {
  const many = (deadline: string) => `import { pipeline } from "pipecraft";
const jobs: Record<string, { stage: string; image: string; script: string[]; timeout?: string }> = {};
for (let i = 0; i < 10; i++) jobs[\`j\${i}\`] = { stage: "s", image: "busybox:1.36", script: ["true"] };
jobs.j3 = { ...jobs.j3, ${deadline} } as (typeof jobs)[string];
export default pipeline({ kubernetes: { name: "many" }, stages: ["s"], jobs });
`;
  const lines = (action: (job: number) => string) =>
    [
      "persistentvolumeclaim/many-workspace created",
      ...Array.from({ length: 10 }, (_, i) => `job.batch/many-j${i} ${action(i)}`),
      "",
    ].join("\n");

  it("reports created, then unchanged, then configured for the one that changed", async () => {
    const space = await createNamespace(kc, "cli-apply-many");
    const directory = await makeProject({ "pipeline.ts": many("") });
    try {
      const applyMany = () =>
        run(["apply", "--kubeconfig", testKubeconfigPath(), "--namespace", space.name], directory);
      const first = await applyMany();
      expect(first.stderr).toBe("");
      expect(first.stdout).toBe(lines(() => "created"));
      const again = await applyMany();
      expect(again.stdout).toBe(
        lines(() => "unchanged").replace("many-workspace created", "many-workspace unchanged"),
      );
      await writeFile(join(directory, "pipeline.ts"), many('timeout: "1h"'));
      const changed = await applyMany();
      expect(changed.stdout).toBe(
        lines((i) => (i === 3 ? "configured" : "unchanged")).replace(
          "many-workspace created",
          "many-workspace unchanged",
        ),
      );
      const job = await batch.readNamespacedJob({ name: "many-j3", namespace: space.name });
      expect(job.spec?.activeDeadlineSeconds).toBe(3600);
    } finally {
      await space.remove();
      await removeProject(directory);
    }
  });
});
