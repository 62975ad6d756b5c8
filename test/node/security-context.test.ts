// Which ordinary CI commands run under which securityContext, measured on the real node as root in
// `localhost/pipecraft-test/debian:12` (the rows marked uid 1000 as that user): Kubernetes' runtime
// defaults (no securityContext, what GitLab's Kubernetes executor runs), the target's former
// default (drop ALL, no privilege escalation), two middle grounds, and `restricted`. Each column is
// written into the Job as is (replacing what the target synthesized), so the table does not move
// with the target's defaults; the last test checks which columns the target's levels write
// (`baseline`, the default: "seccomp"; `restricted`: "restricted"). The namespace
// enforces `baseline`, which every column passes. The table is in the README ("Security defaults
// on a real node").
import type { V1Job, V1PodSecurityContext, V1SecurityContext } from "@kubernetes/client-node";
import { validatePipeline } from "pipecraft";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toKubernetesManifests } from "../../packages/kubernetes/src/index.js";
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

/** The ordinary CI commands of the table, each one job; `uid1000` ones run as user 1000. */
const COMMANDS: Record<string, { script: string; uid1000?: true }> = {
  // apt switches to its `_apt` user to fetch (here from a file:// repository in the image).
  apt: { script: "apt-get update -qq && apt-get install -y -qq hello >/dev/null && hello" },
  dpkg: { script: "dpkg -i /opt/apt-local/hello_*.deb >/dev/null && hello" },
  sudo: { script: "sudo -n id -u" },
  sudoci: { script: "sudo -n id -u", uid1000: true },
  chown: { script: "touch /tmp/f && chown 1:1 /tmp/f" },
  etc: { script: "echo x >/etc/pipecraft-test" },
  ping: { script: "ping -c1 -W2 127.0.0.1 >/dev/null" },
  workspace: { script: 'touch "$CI_PROJECT_DIR/written-$CI_JOB_NAME"', uid1000: true },
  uid: { script: "id -u" },
};

type Profile = { container?: V1SecurityContext; pod?: V1PodSecurityContext };
const RUNTIME_DEFAULT = { type: "RuntimeDefault" } as const;

/** The columns: exactly these securityContexts (none: no securityContext at all). */
const PROFILES: Record<string, Profile> = {
  // Kubernetes' runtime defaults: what GitLab's Kubernetes executor runs unless configured.
  none: {},
  // Runtime default capabilities, privilege escalation allowed, the default seccomp profile.
  seccomp: {
    container: { seccompProfile: RUNTIME_DEFAULT },
    pod: { seccompProfile: RUNTIME_DEFAULT },
  },
  // Runtime default capabilities without privilege escalation.
  noesc: {
    container: { allowPrivilegeEscalation: false, seccompProfile: RUNTIME_DEFAULT },
    pod: { seccompProfile: RUNTIME_DEFAULT },
  },
  // Drop ALL, add back what package managers and user switches use, no escalation.
  addback: {
    container: {
      allowPrivilegeEscalation: false,
      capabilities: {
        drop: ["ALL"],
        add: [
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "SETGID",
          "SETUID",
        ],
      },
      seccompProfile: RUNTIME_DEFAULT,
    },
    pod: { seccompProfile: RUNTIME_DEFAULT },
  },
  // The target's former default: drop ALL, no escalation.
  dropall: {
    container: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: RUNTIME_DEFAULT,
    },
    pod: { seccompProfile: RUNTIME_DEFAULT },
  },
  // The `restricted` Pod Security level: non-root (uid 1000), no capabilities, no escalation.
  restricted: {
    container: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: RUNTIME_DEFAULT,
    },
    pod: { runAsNonRoot: true, seccompProfile: RUNTIME_DEFAULT },
  },
};

/** The Job with the column's securityContexts in place of the synthesized ones. */
function withProfile(job: V1Job): V1Job {
  const [, profile = "", row = ""] = (job.metadata?.name ?? "").split("-");
  const { container, pod } = PROFILES[profile] ?? {};
  const spec = job.spec?.template.spec;
  if (spec === undefined) return job;
  const asUser = COMMANDS[row]?.uid1000 === true ? { runAsUser: 1000 } : {};
  spec.securityContext = pod;
  for (const c of spec.containers) {
    c.securityContext =
      container === undefined && asUser.runAsUser === undefined
        ? undefined
        : { ...container, ...asUser };
  }
  return job;
}

describe("ordinary CI commands under each securityContext", () => {
  it("measures each command under each column", async () => {
    const jobs: Record<string, object> = {};
    for (const profile of Object.keys(PROFILES)) {
      for (const [row, { script }] of Object.entries(COMMANDS)) {
        jobs[`${profile}-${row}`] = { needs: [], script: [script] };
      }
    }
    await applyPipeline(
      ns.name,
      "s",
      { default: { image: NODE_IMAGES.debian }, jobs },
      withProfile,
    );
    const table: Record<string, Record<string, number | undefined>> = {};
    const said: string[] = [];
    for (const name of Object.keys(jobs)) {
      const [profile, row] = name.split("-") as [string, string];
      await finished(ns.name, `s-${name}`, 600_000);
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
    process.stderr.write(`${JSON.stringify(table)}\n`);
    // Exit codes (0: it worked).
    expect(table).toEqual({
      apt: { none: 0, seccomp: 0, noesc: 0, addback: 0, dropall: 100, restricted: 100 },
      dpkg: { none: 0, seccomp: 0, noesc: 0, addback: 0, dropall: 0, restricted: 2 },
      sudo: { none: 0, seccomp: 0, noesc: 0, addback: 0, dropall: 1, restricted: 1 },
      sudoci: { none: 0, seccomp: 0, noesc: 1, addback: 1, dropall: 1, restricted: 1 },
      chown: { none: 0, seccomp: 0, noesc: 0, addback: 0, dropall: 1, restricted: 1 },
      etc: { none: 0, seccomp: 0, noesc: 0, addback: 0, dropall: 0, restricted: 2 },
      ping: { none: 0, seccomp: 0, noesc: 0, addback: 126, dropall: 126, restricted: 126 },
      // The hostPath provisioner's directories are root's (0755), and fsGroup does not apply to
      // hostPath volumes: only root writes to the workspace here, whatever the securityContext.
      workspace: { none: 1, seccomp: 1, noesc: 1, addback: 1, dropall: 1, restricted: 1 },
      uid: { none: 0, seccomp: 0, noesc: 0, addback: 0, dropall: 0, restricted: 0 },
    });
  }, 900_000);
});

describe("the columns the target writes", () => {
  it('the default (baseline) is the "seccomp" column, podSecurity "restricted" with user 1000 the "restricted" one', () => {
    const { pipeline } = validatePipeline({
      kind: "pipecraft.pipeline",
      input: {
        default: { image: NODE_IMAGES.debian },
        jobs: {
          baseline: { script: ["true"] },
          restricted: {
            image: { name: NODE_IMAGES.debian, kubernetes: { user: 1000 } },
            kubernetes: { podSecurity: "restricted" },
            script: ["true"],
          },
        },
      },
      options: {},
    });
    const jobs = toKubernetesManifests(pipeline!, { name: "s" }).jobs.map(({ job }) => {
      const spec = job.spec?.template.spec;
      return { pod: spec?.securityContext, container: spec?.containers[0]?.securityContext };
    });
    const seccomp = PROFILES.seccomp!;
    expect(jobs).toEqual([
      // The pod-level seccompProfile applies to every container: the same as the column's.
      { pod: seccomp.pod, container: undefined },
      {
        pod: PROFILES.restricted!.pod,
        container: { ...PROFILES.restricted!.container, seccompProfile: undefined },
      },
    ]);
  });
});
