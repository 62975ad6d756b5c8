// Type tests (*.test-d.ts: checked by `pnpm typecheck`, never run): the `kubernetes:` blocks are
// typed, deep Kubernetes structures with the types of @kubernetes/client-node; each line marked
// with ts-expect-error must stay an error.
import { pipeline } from "../../src/index.js";

export const typed = pipeline({
  kubernetes: {
    name: "shop",
    tags: { gpu: { tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }] } },
    workspace: { size: "5Gi", accessModes: ["ReadWriteMany"] },
    secrets: { TOKEN: { name: "api", key: "token" } },
  },
  default: { image: "node:22", kubernetes: { resources: { requests: { cpu: "500m" } } } },
  jobs: {
    build: {
      script: ["make"],
      kubernetes: {
        securityContext: { runAsNonRoot: true, capabilities: { drop: ["ALL"] } },
        affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } },
        volumes: [{ name: "cache", emptyDir: { medium: "Memory" } }],
        volumeMounts: [{ name: "cache", mountPath: "/cache", readOnly: true }],
      },
    },
  },
});

export const misspeltSecurityField = pipeline({
  jobs: {
    build: {
      script: ["make"],
      // @ts-expect-error — V1SecurityContext has no runAsNonroot
      kubernetes: { securityContext: { runAsNonroot: true } },
    },
  },
});

export const wrongVolumeType = pipeline({
  jobs: {
    build: {
      script: ["make"],
      // @ts-expect-error — mountPath is a string
      kubernetes: { volumeMounts: [{ name: "cache", mountPath: 7 }] },
    },
  },
});

export const unknownAccessMode = pipeline({
  kubernetes: {
    // @ts-expect-error — not an access mode
    workspace: { accessModes: ["ReadWriteAll"] },
  },
  jobs: { build: { script: ["make"] } },
});

export const kanikoNotInDefault = pipeline({
  default: {
    // @ts-expect-error — a build belongs to one job, not to every job
    kubernetes: { kaniko: { destinations: ["registry/app"] } },
  },
  jobs: { build: { script: ["make"] } },
});
