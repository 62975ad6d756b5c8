// `pipecraft rbac` prints enough and no more: a user bound to exactly the printed Role runs a
// pipeline (jobs created, released, watched, their logs read) and cancels one; a user whose Role
// lacks `delete` on jobs gets one line naming the verb, the resource, the namespace and the rule.
import {
  CoreV1Api,
  type KubeConfig,
  RbacAuthorizationV1Api,
  type V1Role,
} from "@kubernetes/client-node";
import { loadAll } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, run } from "../../packages/cli/test/project.js";
import { createNamespace } from "./helpers.js";
import { testKubeConfig } from "./kubeconfig.js";
import { kwok, runCase, uniqueRunId } from "./runtime-support.js";
import { userKubeConfig } from "./user-credentials.js";

const kc = testKubeConfig();
const rbacApi = kc.makeApiClient(RbacAuthorizationV1Api);
const stamp = Date.now().toString(36);
const runner = `pipecraft-runner-${stamp}`;
const noDelete = `pipecraft-nodelete-${stamp}`;
let ns: { name: string; remove: () => Promise<void> };
let runnerKc: KubeConfig;
let noDeleteKc: KubeConfig;
const volumes: string[] = [];

/** Creates the documents `pipecraft rbac` printed, as the admin. */
async function applyPrinted(documents: unknown[], namespace: string) {
  for (const doc of documents) {
    const object = doc as { kind: string };
    if (object.kind === "Role") {
      await rbacApi.createNamespacedRole({ namespace, body: doc as V1Role });
    } else if (object.kind === "RoleBinding") {
      await rbacApi.createNamespacedRoleBinding({
        namespace,
        body: doc as Parameters<typeof rbacApi.createNamespacedRoleBinding>[0]["body"],
      });
    } else {
      throw new Error(`pipecraft rbac printed a ${object.kind}`);
    }
  }
}

async function printed(args: string[]): Promise<unknown[]> {
  const result = await run(["rbac", ...args], repoRoot);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return loadAll(result.stdout) as unknown[];
}

beforeAll(async () => {
  ns = await createNamespace(kc, "rt-rbac");
  const exact = await printed(["--namespace", ns.name, "--user", runner]);
  expect(exact.map((d) => (d as { kind: string }).kind)).toEqual(["Role", "RoleBinding"]);
  await applyPrinted(exact, ns.name);
  // The same Role without delete on jobs, under another name, bound to the second user.
  const [role, binding] = (await printed(["--namespace", ns.name, "--user", noDelete])) as [
    V1Role,
    { metadata: { name: string }; roleRef: { name: string } },
  ];
  role.metadata = { ...role.metadata, name: "no-delete" };
  role.rules = (role.rules ?? []).map((rule) =>
    rule.resources?.includes("jobs")
      ? { ...rule, verbs: rule.verbs.filter((v) => v !== "delete") }
      : rule,
  );
  binding.metadata.name = "no-delete";
  binding.roleRef.name = "no-delete";
  await applyPrinted([role, binding], ns.name);
  runnerKc = await userKubeConfig(kc, runner);
  noDeleteKc = await userKubeConfig(kc, noDelete);
});
afterAll(async () => {
  await ns?.remove();
  const core = kc.makeApiClient(CoreV1Api);
  for (const name of volumes) await core.deletePersistentVolume({ name }).catch(() => {});
});

const image = "busybox:1.36";

describe("pipecraft rbac: the printed Role is enough", () => {
  it("lets its user run a pipeline and read the logs", async () => {
    const r = await runCase(
      runnerKc,
      ns.name,
      {
        stages: ["build", "test"],
        jobs: {
          build: { stage: "build", image, script: ["make"] },
          test: { stage: "test", image, script: ["make test"], needs: ["build"] },
        },
      },
      { runId: uniqueRunId("rbac"), volumes, admin: kc },
    );
    expect(r.result.status).toBe("success");
    expect(r.result.jobs.map((job) => [job.job, job.status, job.exitCode])).toEqual([
      ["build", "success", 0],
      ["test", "success", 0],
    ]);
    expect(r.result.jobs.every((job) => typeof job.log === "string")).toBe(true);
  });

  it("lets its user cancel a run", async () => {
    const controller = new AbortController();
    const r = await runCase(runnerKc, ns.name, longPipeline, {
      runId: uniqueRunId("rbac-c"),
      volumes,
      admin: kc,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === "job" && event.status === "running") controller.abort();
      },
    });
    expect(r.result.status).toBe("canceled");
  });

  it("without delete on jobs, cancelling stops with the RBAC rule that is missing", async () => {
    const controller = new AbortController();
    const error = await runCase(noDeleteKc, ns.name, longPipeline, {
      runId: uniqueRunId("rbac-n"),
      volumes,
      admin: kc,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === "job" && event.status === "running") controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `forbidden: cannot delete jobs.batch in namespace "${ns.name}" (403); the run's identity needs a Role in "${ns.name}" with the rule apiGroups: ["batch"], resources: ["jobs"], verbs: ["delete"]`,
    );
  });
});

const longPipeline = {
  stages: ["build"],
  jobs: {
    long: { stage: "build", image, script: ["sleep 600"], kubernetes: kwok({ seconds: 600 }) },
  },
};
