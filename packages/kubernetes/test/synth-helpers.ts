import type { V1Container, V1Job } from "@kubernetes/client-node";
import { type PipelineInput, validatePipeline } from "@pipecraft/core";
import { expect } from "vitest";
import type { KubernetesTargetOptions } from "../src/target-options.js";
import { type KubernetesManifests, toKubernetesManifests } from "../src/to-kubernetes-manifests.js";

/** The Kubernetes manifests of a pipeline written as plain input (it must validate). */
export function manifestsOf(
  input: PipelineInput,
  options: KubernetesTargetOptions = {},
): KubernetesManifests {
  const { pipeline, diagnostics } = validatePipeline({
    kind: "pipecraft.pipeline",
    input,
    options: {},
  });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return toKubernetesManifests(pipeline!, { name: "app", ...options });
}

/** The Job named `app-<name>`. */
export function jobNamed(manifests: KubernetesManifests, name: string): V1Job {
  const entry = manifests.jobs.find((job) => job.job.metadata?.name === name);
  if (entry === undefined) {
    throw new Error(
      `no Job ${name}; there are ${manifests.jobs.map((j) => j.job.metadata?.name).join(", ")}`,
    );
  }
  return entry.job;
}

/** The container that runs the job's script. */
export function mainContainer(job: V1Job): V1Container {
  const container = job.spec?.template.spec?.containers[0];
  if (container === undefined) throw new Error("the Job has no container");
  return container;
}

/** The container env as `name → value`, with `valueFrom` entries as JSON. */
export function envOf(container: V1Container): Record<string, string> {
  return Object.fromEntries(
    (container.env ?? []).map((variable) => [
      variable.name,
      variable.value ?? JSON.stringify(variable.valueFrom),
    ]),
  );
}
