// A job's security overrides are merged field by field over the defaults (the secure defaults
// and default.kubernetes), so that setting one field never drops a hardening field silently.
import { describe, expect, it } from "vitest";
import { kaniko } from "../src/kaniko/kaniko.js";
import { jobNamed, manifestsOf } from "./synth-helpers.js";

describe("security overrides keep the defaults they do not change", () => {
  it("a job's podSecurityContext keeps default.kubernetes' runAsNonRoot; capabilities.add keeps restricted's drop ALL", () => {
    const manifests = manifestsOf({
      default: {
        image: "alpine",
        kubernetes: {
          podSecurity: "restricted",
          podSecurityContext: { runAsNonRoot: true },
          securityContext: { runAsUser: 1000 },
        },
      },
      jobs: {
        serve: {
          script: ["true"],
          kubernetes: {
            podSecurityContext: { fsGroup: 2000 },
            securityContext: { capabilities: { add: ["NET_BIND_SERVICE"] } },
          },
        },
      },
    });
    const pod = jobNamed(manifests, "app-serve").spec?.template.spec;
    expect(pod?.securityContext).toEqual({
      seccompProfile: { type: "RuntimeDefault" },
      runAsNonRoot: true,
      fsGroup: 2000,
    });
    expect(pod?.containers[0]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
      runAsNonRoot: true,
      runAsUser: 1000,
    });
  });

  it("services' capabilities.add keeps restricted's drop ALL", () => {
    const manifests = manifestsOf({
      jobs: {
        test: {
          image: "node",
          services: ["postgres:16"],
          script: ["true"],
          kubernetes: {
            podSecurity: "restricted",
            servicesSecurityContext: { capabilities: { add: ["CHOWN"] } },
          },
        },
      },
    });
    const sidecar = jobNamed(manifests, "app-test").spec?.template.spec?.initContainers?.[0];
    expect(sidecar?.securityContext?.capabilities).toEqual({ drop: ["ALL"], add: ["CHOWN"] });
  });

  it("a Kaniko job's capabilities.add is added to the executor's own", () => {
    const manifests = manifestsOf({
      jobs: {
        build: {
          ...kaniko.build({ destinations: ["registry.example.com/app:1"] }),
          kubernetes: {
            ...kaniko.build({ destinations: ["registry.example.com/app:1"] }).kubernetes,
            securityContext: { capabilities: { add: ["NET_RAW"] } },
          },
        },
      },
    });
    const container = jobNamed(manifests, "app-build").spec?.template.spec?.containers[0];
    expect(container?.securityContext?.capabilities).toEqual({
      drop: ["ALL"],
      add: [
        "CHOWN",
        "DAC_OVERRIDE",
        "FOWNER",
        "FSETID",
        "KILL",
        "SETGID",
        "SETUID",
        "SETFCAP",
        "NET_RAW",
      ],
    });
  });

  it("dropping less is possible, but only written out: drop is replaced when given", () => {
    const manifests = manifestsOf({
      jobs: {
        ping: {
          image: "alpine",
          script: ["true"],
          kubernetes: {
            podSecurity: "restricted",
            securityContext: { capabilities: { drop: ["NET_ADMIN"] } },
          },
        },
      },
    });
    const container = jobNamed(manifests, "app-ping").spec?.template.spec?.containers[0];
    expect(container?.securityContext?.capabilities).toEqual({ drop: ["NET_ADMIN"] });
  });
});
