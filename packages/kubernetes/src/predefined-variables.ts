import type { V1EnvVar } from "@pipecraft/core/kubernetes-types";
import type { JobInstance } from "./job-instances.js";
import { kubernetesEnvValue, kubernetesLiteral } from "./kubernetes-env-value.js";
import type { RunSettings } from "./run-settings.js";

/**
 * GitLab's predefined variables that mean something off GitLab, then the Kubernetes-only
 * variables (`kubernetes.variables` of the run, then of the job), which may refer to them.
 */
export function predefinedVariables(
  settings: RunSettings,
  instance: JobInstance,
  stage: string,
  jobVariables: Readonly<Record<string, string>> | undefined,
): V1EnvVar[] {
  const literal = (name: string, value: string): V1EnvVar => ({
    name,
    value: kubernetesLiteral(value),
  });
  const env = [
    literal("CI", "true"),
    literal("CI_JOB_NAME", instance.ciName),
    literal("CI_JOB_STAGE", stage),
    {
      name: "CI_PIPELINE_ID",
      valueFrom: { fieldRef: { fieldPath: "metadata.labels['pipecraft.dev/run-id']" } },
    },
    literal("CI_PROJECT_DIR", settings.projectDir),
    literal("CI_PROJECT_NAME", settings.name),
  ];
  if (instance.node !== undefined) {
    env.push(
      literal("CI_NODE_INDEX", String(instance.node.index)),
      literal("CI_NODE_TOTAL", String(instance.node.total)),
    );
  }
  // parallel: N sets CI_NODE_INDEX in the script, from the Pod's completion index.
  if (instance.completions !== undefined)
    env.push(literal("CI_NODE_TOTAL", String(instance.completions)));
  // A redefined name keeps its place, so entries that refer to it still come after it.
  const result = new Map(env.map((variable) => [variable.name, variable]));
  const defined = new Set(result.keys());
  for (const [name, value] of Object.entries({ ...settings.variables, ...jobVariables })) {
    result.set(name, { name, value: kubernetesEnvValue(value, defined, true) });
    defined.add(name);
  }
  return [...result.values()];
}
