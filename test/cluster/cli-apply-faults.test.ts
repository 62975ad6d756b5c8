// `pipecraft apply` on the API server's bad days: 500s and 429s with Retry-After (through the
// fault proxy) and connections reset mid-request (through the drop proxy) are retried, and the
// apply ends as it does without faults; a user who may not patch Jobs gets the one-line RBAC
// message naming the verb, the resource, the namespace and the rule.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BatchV1Api, KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProject, run } from "../../packages/cli/test/project.js";
import { type DropProxy, startDropProxy } from "./drop-proxy.js";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.js";
import { createNamespace } from "./helpers.js";
import { testClusterKind, testKubeConfig } from "./kubeconfig.js";
import { userKubeConfig } from "./user-credentials.js";

const kc = testKubeConfig();
let faults: FaultProxy;
let drops: DropProxy;
let project: string;

// Twelve Jobs (listed at once, applied eight at a time) and the workspace claim.
const source = `import { pipeline } from "pipecraft";
const jobs: Record<string, { stage: string; image: string; script: string[] }> = {};
for (let i = 0; i < 12; i++) jobs[\`j\${i}\`] = { stage: "s", image: "busybox:1.36", script: ["true"] };
export default pipeline({ kubernetes: { name: "flaky" }, stages: ["s"], jobs });
`;
const lines = (action: string) =>
  [
    `persistentvolumeclaim/flaky-workspace ${action}`,
    ...Array.from({ length: 12 }, (_, i) => `job.batch/flaky-j${i} ${action}`),
    "",
  ].join("\n");

/** Writes `config` into the project; the path to pass as --kubeconfig. */
async function kubeconfigFile(name: string, config: KubeConfig): Promise<string> {
  const path = join(project, `${name}.kubeconfig`);
  await writeFile(path, config.exportConfig());
  return path;
}

const apply = (kubeconfig: string, namespace: string) =>
  run(["apply", "--kubeconfig", kubeconfig, "--namespace", namespace], project);

beforeAll(async () => {
  faults = await startFaultProxy(kc);
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error("no cluster in the test kubeconfig");
  drops = await startDropProxy(cluster.server);
  project = await makeProject({ "pipeline.ts": source });
});
afterAll(async () => {
  await faults?.close();
  await drops?.close();
  await removeProject(project);
});

describe("pipecraft apply under faults", () => {
  it("retries 500s and 429s (Retry-After) and ends as without faults", async () => {
    const ns = await createNamespace(kc, "apply-faults");
    try {
      faults.setFaults({ serverErrorEvery: 3, tooManyEvery: 4, retryAfterSeconds: 1 });
      const config = await kubeconfigFile("faulty", faults.kubeConfig());
      const first = await apply(config, ns.name);
      expect(first.stderr).toBe("");
      expect(first.stdout).toBe(lines("created"));
      const again = await apply(config, ns.name);
      expect(again.stdout).toBe(lines("unchanged"));
      expect(faults.injected.serverErrors).toBeGreaterThan(0);
      expect(faults.injected.tooMany).toBeGreaterThan(0);
    } finally {
      faults.setFaults({});
      await ns.remove();
    }
  });

  it.skipIf(testClusterKind() !== "local")(
    "retries requests whose connection was reset",
    async () => {
      const ns = await createNamespace(kc, "apply-drops");
      const cluster = kc.getCurrentCluster();
      const user = kc.getCurrentUser();
      if (cluster === null || user === null) throw new Error("incomplete test kubeconfig");
      const dropping = new KubeConfig();
      dropping.loadFromOptions({
        clusters: [{ ...cluster, server: drops.server }],
        users: [user],
        contexts: [{ name: "dropping", cluster: cluster.name, user: user.name }],
        currentContext: "dropping",
      });
      const config = await kubeconfigFile("dropping", dropping);
      let dropped = 0;
      const timer = setInterval(() => {
        dropped += drops.dropAll();
      }, 100);
      try {
        const first = await apply(config, ns.name);
        expect(first.stderr).toBe("");
        expect(first.stdout).toBe(lines("created"));
      } finally {
        clearInterval(timer);
        await ns.remove();
      }
      expect(dropped).toBeGreaterThan(0);
    },
  );

  it("a user who may not patch or create Jobs gets one line with the RBAC rule", async () => {
    const ns = await createNamespace(kc, "apply-rbac");
    const name = `pipecraft-apply-rbac-${Date.now().toString(36)}`;
    const role = (jobVerbs: string[]) => ({
      metadata: { name },
      rules: [
        {
          apiGroups: [""],
          resources: ["persistentvolumeclaims"],
          verbs: ["get", "list", "patch", "create"],
        },
        { apiGroups: ["batch"], resources: ["jobs"], verbs: jobVerbs },
      ],
    });
    const rule = (verb: string) =>
      `pipecraft apply: forbidden: cannot ${verb} jobs.batch in namespace "${ns.name}" (403); the run's identity needs a Role in "${ns.name}" with the rule apiGroups: ["batch"], resources: ["jobs"], verbs: ["${verb}"]\n`;
    try {
      const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
      await rbac.createNamespacedRole({ namespace: ns.name, body: role(["get", "list"]) });
      await rbac.createNamespacedRoleBinding({
        namespace: ns.name,
        body: {
          metadata: { name },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
          subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name }],
        },
      });
      const config = await kubeconfigFile("rbac", await userKubeConfig(kc, name));
      const noPatch = await apply(config, ns.name);
      expect([noPatch.code, noPatch.stderr]).toEqual([1, rule("patch")]);
      // A server-side apply that creates the object needs `create` as well: the message says so.
      await rbac.replaceNamespacedRole({
        name,
        namespace: ns.name,
        body: role(["get", "list", "patch"]),
      });
      const noCreate = await apply(config, ns.name);
      expect([noCreate.code, noCreate.stderr]).toEqual([1, rule("create")]);
      const jobs = await kc.makeApiClient(BatchV1Api).listNamespacedJob({ namespace: ns.name });
      expect(jobs.items).toEqual([]);
    } finally {
      await ns.remove();
    }
  });
});
