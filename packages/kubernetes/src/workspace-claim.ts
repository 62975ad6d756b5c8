import type { V1PersistentVolumeClaim } from "@pipecraft/core/kubernetes-types";
import { managedLabels } from "./object-labels.js";
import type { RunSettings } from "./run-settings.js";

/** The volume name every job's Pod mounts the workspace claim under. */
export const WORKSPACE_VOLUME = "workspace";

/**
 * The run's workspace: one PersistentVolumeClaim that every job mounts at CI_PROJECT_DIR, so
 * artifacts and caches written by one job are there for the next, as GitLab's artifacts are.
 */
export function workspaceClaim(settings: RunSettings): V1PersistentVolumeClaim {
  const { workspace } = settings;
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: {
      name: settings.workspaceClaim,
      ...(settings.namespace === undefined ? {} : { namespace: settings.namespace }),
      labels: managedLabels(settings),
    },
    spec: {
      accessModes: [...(workspace.accessModes ?? ["ReadWriteOnce"])],
      resources: { requests: { storage: workspace.size ?? "1Gi" } },
      ...(workspace.storageClassName === undefined
        ? {}
        : { storageClassName: workspace.storageClassName }),
    },
  };
}
