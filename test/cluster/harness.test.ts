// The harness itself: a second control plane runs beside the one of the globalSetup without
// colliding, and neither a clean stop nor a crashed owner leaves a process, a port or a dir behind.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { CoreV1Api } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { type Component, cleanupStale, HERE, NODE_NAME, startCluster } from "./harness.js";
import { waitFor } from "./helpers.js";
import { testClusterKind, testKubeConfig } from "./kubeconfig.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

async function expectNothingLeft(dir: string, components: Component[]): Promise<void> {
  await waitFor(
    "every component process to be gone",
    async () => (components.some((c) => alive(c.pid)) ? undefined : true),
    { timeoutMs: 20_000 },
  );
  for (const c of components) expect(await portFree(c.port), `${c.name} port ${c.port}`).toBe(true);
  expect(existsSync(dir)).toBe(false);
}

describe.skipIf(testClusterKind() !== "local")("the cluster harness", () => {
  it("runs a second control plane beside the first, and stop() leaves nothing behind", async () => {
    const first = testKubeConfig().getCurrentCluster()!.server;
    const second = await startCluster();
    try {
      expect(second.server).not.toBe(first);
      const nodes = await second.kubeConfig().makeApiClient(CoreV1Api).listNode();
      expect(nodes.items.map((n) => n.metadata?.name)).toEqual([NODE_NAME]);
      expect(second.components.map((c) => c.name)).toEqual([
        "etcd",
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
        "kwok",
      ]);
    } finally {
      await second.stop();
    }
    await expectNothingLeft(second.dir, second.components);
    // The first one is untouched.
    const ns = await testKubeConfig().makeApiClient(CoreV1Api).readNamespace({ name: "default" });
    expect(ns.metadata?.name).toBe("default");
  });

  it("a crashed owner process (SIGKILL) leaves no process behind, and the next start cleans its dir", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(HERE, "fixtures", "crash-child.ts")],
      { cwd: join(HERE, "..", ".."), stdio: ["ignore", "pipe", "inherit"] },
    );
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0]!);
      });
      child.on("exit", (code) => reject(new Error(`crash-child exited early (${code})`)));
    });
    const started = JSON.parse(line) as { dir: string; components: Component[]; pid: number };
    expect(started.components).toHaveLength(5);
    expect(started.components.every((c) => alive(c.pid))).toBe(true);

    expect(started.pid).toBe(child.pid);
    child.kill("SIGKILL");
    await waitFor(
      "the components to die with their owner (parent-death signal)",
      async () => (started.components.some((c) => alive(c.pid)) ? undefined : true),
      { timeoutMs: 20_000 },
    );
    expect(existsSync(started.dir)).toBe(true); // nobody could clean up yet ...
    cleanupStale();
    await expectNothingLeft(started.dir, started.components); // ... the next start does
  });
});
