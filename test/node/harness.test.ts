// The real node's harness: a second cluster with a real node runs beside the one of the
// globalSetup (own containerd, kubelet, cgroup root, bridge and subnet), and when its owner is
// SIGKILLed with a container running, the next start (cleanupStale) leaves no process, mount,
// network namespace, bridge, iptables rule, CNI cache entry, shim socket or cgroup behind.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Component, cleanupStale, HERE } from "../cluster/harness.js";
import { waitFor } from "../cluster/helpers.js";
import { type RealNodePlan, realNodeLeftovers } from "../cluster/real-node.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the real node's harness", () => {
  it("a crashed owner (SIGKILL) with a running container: the next start cleans everything", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(HERE, "..", "node", "fixtures", "crash-real-node.ts")],
      { cwd: join(HERE, "..", ".."), stdio: ["ignore", "pipe", "inherit"] },
    );
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0]!);
      });
      child.on("exit", (code) => reject(new Error(`crash-real-node exited early (${code})`)));
    });
    const started = JSON.parse(line) as {
      dir: string;
      components: Component[];
      pid: number;
      realNode: RealNodePlan;
    };
    expect(started.components.map((c) => c.name)).toEqual([
      "etcd",
      "kube-apiserver",
      "kube-controller-manager",
      "kube-scheduler",
      "containerd",
      "kubelet",
    ]);

    child.kill("SIGKILL");
    await waitFor(
      "the components to die with their owner (parent-death signal)",
      async () => (started.components.some((c) => alive(c.pid)) ? undefined : true),
      { timeoutMs: 20_000 },
    );
    // The container, its shim, mounts, bridge and cgroups outlive the owner ...
    const before = realNodeLeftovers(started.realNode);
    expect(before.some((l) => l.startsWith("processes "))).toBe(true);
    expect(before).toContain(`bridge ${started.realNode.bridge}`);
    expect(before.some((l) => l.startsWith("shim socket "))).toBe(true);
    // ... until the next start cleans them up.
    cleanupStale();
    expect(realNodeLeftovers(started.realNode)).toEqual([]);
    expect(existsSync(started.dir)).toBe(false);
  });
});
