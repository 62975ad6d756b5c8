import { describe, expect, it } from "vitest";
import { jobWithDefaults } from "../../src/defaults/job-with-defaults.js";
import { mergeSecurityContexts } from "../../src/defaults/merge-security-context.js";
import type { Job } from "../../src/schema/index.js";

describe("mergeSecurityContexts", () => {
  it("keeps the fields an override does not set", () => {
    expect(mergeSecurityContexts({ runAsNonRoot: true }, { fsGroup: 1000 })).toEqual({
      runAsNonRoot: true,
      fsGroup: 1000,
    });
  });

  it("keeps capabilities.drop when the override only adds, and joins the adds", () => {
    expect(
      mergeSecurityContexts(
        { capabilities: { drop: ["ALL"], add: ["CHOWN"] }, allowPrivilegeEscalation: false },
        { capabilities: { add: ["NET_RAW", "CHOWN"] } },
        { capabilities: { add: ["NET_BIND_SERVICE"] } },
      ),
    ).toEqual({
      capabilities: { drop: ["ALL"], add: ["CHOWN", "NET_RAW", "NET_BIND_SERVICE"] },
      allowPrivilegeEscalation: false,
    });
  });

  it("replaces drop, scalar fields and other nested objects when the override sets them", () => {
    expect(
      mergeSecurityContexts(
        {
          capabilities: { drop: ["ALL"] },
          seccompProfile: { type: "Localhost", localhostProfile: "p.json" },
          allowPrivilegeEscalation: false,
        },
        {
          capabilities: { drop: ["NET_RAW"] },
          seccompProfile: { type: "RuntimeDefault" },
          allowPrivilegeEscalation: true,
        },
      ),
    ).toEqual({
      capabilities: { drop: ["NET_RAW"] },
      seccompProfile: { type: "RuntimeDefault" },
      allowPrivilegeEscalation: true,
    });
  });

  it("ignores fields set to undefined and undefined overrides", () => {
    expect(
      mergeSecurityContexts({ runAsNonRoot: true, capabilities: { drop: ["ALL"] } }, undefined, {
        runAsNonRoot: undefined,
        capabilities: { drop: undefined, add: ["X"] },
      }),
    ).toEqual({ runAsNonRoot: true, capabilities: { drop: ["ALL"], add: ["X"] } });
  });
});

describe("jobWithDefaults: default.kubernetes security contexts", () => {
  it("merges the job's security contexts field by field over the default's", () => {
    const job = jobWithDefaults(
      {
        default: {
          kubernetes: {
            podSecurityContext: { runAsNonRoot: true },
            securityContext: { capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true },
            servicesSecurityContext: { runAsUser: 999 },
            serviceAccountName: "ci",
          },
        },
      },
      {
        script: ["true"],
        kubernetes: {
          podSecurityContext: { fsGroup: 1000 },
          securityContext: { capabilities: { add: ["NET_BIND_SERVICE"] } },
          servicesSecurityContext: { runAsGroup: 999 },
        },
      } as Job,
    );
    expect(job.kubernetes).toEqual({
      podSecurityContext: { runAsNonRoot: true, fsGroup: 1000 },
      securityContext: {
        capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
        readOnlyRootFilesystem: true,
      },
      servicesSecurityContext: { runAsUser: 999, runAsGroup: 999 },
      serviceAccountName: "ci",
    });
  });
});
