import {
  type Diagnostic,
  formatPath,
  type Job,
  type KubernetesPipeline,
  warningDiagnostic,
} from "@pipecraft/core";
import type { V1Affinity, V1Toleration } from "@pipecraft/core/kubernetes-types";
import { plainValue } from "./plain-value.js";

/** Where a job's runner tags send its Pod. */
export type TagScheduling = {
  nodeSelector: Record<string, string>;
  tolerations: V1Toleration[];
  affinity: V1Affinity | undefined;
  diagnostics: Diagnostic[];
};

/**
 * A job's `tags` through the user's `kubernetes.tags` mapping: node selectors merged, tolerations
 * added up, the last affinity wins. A tag without a mapping is a warning: the Pod may land on
 * any node, where GitLab would have waited for a matching runner.
 */
export function tagScheduling(
  tags: Job["tags"],
  mapping: KubernetesPipeline["tags"],
  path: readonly (string | number)[],
): TagScheduling {
  const result: TagScheduling = {
    nodeSelector: {},
    tolerations: [],
    affinity: undefined,
    diagnostics: [],
  };
  const list = (plainValue(tags) ?? []).flatMap((tag) => plainValue(tag) ?? []).flat();
  list.forEach((tag, index) => {
    const target = mapping?.[tag];
    if (target === undefined) {
      result.diagnostics.push(
        warningDiagnostic(
          "kubernetes/unmapped-tag",
          formatPath([...path, index]),
          `tag "${tag}" has no Kubernetes mapping; add it to kubernetes.tags, or the Pod may run on any node`,
        ),
      );
      return;
    }
    Object.assign(result.nodeSelector, target.nodeSelector);
    result.tolerations.push(...(target.tolerations ?? []));
    result.affinity = target.affinity ?? result.affinity;
  });
  return result;
}
