// Which ordinary CI commands the Kubernetes target's default securityContext lets through, measured
// on the real node, next to what GitLab's Kubernetes executor runs (the container runtime's
// defaults: its default capabilities, privilege escalation allowed) and the `restricted` Pod
// Security level (non-root uid 1000). The namespace enforces `baseline`, which all three pass.
// The measured table is in the README ("Security defaults on a real node").
import type { V1PodSecurityContext, V1SecurityContext } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyPipeline,
  baselineNamespace,
  exitCodes,
  finished,
  jobLogs,
  NODE_IMAGES,
} from "./node-support.js";

let ns: { name: string; remove: () => Promise<void> };
beforeAll(async () => {
  ns = await baselineNamespace("security");
});
afterAll(async () => {
  await ns?.remove();
});

/** The ordinary CI commands of the table, each one job. */
const COMMANDS = {
  apt: "apt-get update -qq && apt-get install -y -qq hello >/dev/null && hello",
  sudo: "sudo -n id -u",
  chown: "touch /tmp/f && chown 1:1 /tmp/f",
  etc: "echo x >/etc/pipecraft-test",
  ping: "ping -c1 -W2 127.0.0.1 >/dev/null",
  workspace: 'touch "$CI_PROJECT_DIR/written"',
  uid: "id -u",
} as const;

/** The securityContexts compared, as `kubernetes:` blocks over the target's defaults. */
const PROFILES: Record<
  string,
  { securityContext?: V1SecurityContext; podSecurityContext?: V1PodSecurityContext }
> = {
  // The Kubernetes target as synthesized: no override.
  default: {},
  // What GitLab's Kubernetes executor runs: the runtime's default capabilities, escalation allowed.
  runtime: { securityContext: { allowPrivilegeEscalation: true, capabilities: { drop: [] } } },
  // The `restricted` Pod Security level: non-root, no capabilities, no escalation.
  restricted: {
    securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 },
    podSecurityContext: { fsGroup: 1000 },
  },
};

describe("the default securityContext against ordinary CI commands", () => {
  it("measures each command under each profile", async () => {
    const jobs: Record<string, object> = {};
    for (const [profile, kubernetes] of Object.entries(PROFILES)) {
      for (const [row, command] of Object.entries(COMMANDS)) {
        jobs[`${profile}-${row}`] = { needs: [], kubernetes, script: [command] };
      }
    }
    await applyPipeline(ns.name, "s", { default: { image: NODE_IMAGES.debian }, jobs });
    const table: Record<string, Record<string, number | undefined>> = {};
    const said: string[] = [];
    for (const name of Object.keys(jobs)) {
      const [profile, row] = name.split("-") as [string, string];
      await finished(ns.name, `s-${name}`);
      const [code] = await exitCodes(ns.name, `s-${name}`);
      const log = (await jobLogs(ns.name, `s-${name}`))[0] ?? "";
      const last = log
        .split("\n")
        .filter((l) => l !== "" && !l.startsWith("$ ") && !l.startsWith("ERROR: Job failed"))
        .pop();
      table[row] ??= {};
      table[row][profile] = code;
      said.push(`${name}: exit ${code}: ${last ?? ""}`);
    }
    // The messages, for the README's table.
    process.stderr.write(`${said.join("\n")}\n`);
    // Exit codes (0: it worked). `default` is the Kubernetes target today (capabilities dropped).
    expect(table).toEqual({
      apt: { default: 100, runtime: 0, restricted: 100 },
      sudo: { default: 1, runtime: 0, restricted: 1 },
      chown: { default: 1, runtime: 0, restricted: 1 },
      etc: { default: 0, runtime: 0, restricted: 2 },
      ping: { default: 126, runtime: 0, restricted: 126 },
      // The hostPath provisioner's directory is root's (0755); fsGroup does not apply to hostPath.
      workspace: { default: 0, runtime: 0, restricted: 1 },
      uid: { default: 0, runtime: 0, restricted: 0 },
    });
  });
});
