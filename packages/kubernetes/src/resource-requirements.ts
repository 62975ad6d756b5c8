import type { KubernetesJob } from "@pipecraft/core";
import type { V1ResourceRequirements } from "@pipecraft/core/kubernetes-types";

/** `kubernetes.resources` with numbers written as quantities (`0.5` → `"0.5"`), as the API has them. */
export function resourceRequirements(
  resources: NonNullable<KubernetesJob["resources"]>,
): V1ResourceRequirements {
  const quantities = (list: Readonly<Record<string, string | number>> | undefined) =>
    list === undefined
      ? undefined
      : Object.fromEntries(Object.entries(list).map(([name, value]) => [name, String(value)]));
  const requirements: V1ResourceRequirements = {};
  const requests = quantities(resources.requests);
  const limits = quantities(resources.limits);
  if (requests !== undefined) requirements.requests = requests;
  if (limits !== undefined) requirements.limits = limits;
  return requirements;
}
