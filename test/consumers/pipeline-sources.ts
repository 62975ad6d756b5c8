import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../support/shared.js";

/** A pipeline file of this repository and the `.gitlab-ci.yml` generated from it. */
export interface PipelineSource {
  /** How tests name it, e.g. `examples/node-app`. */
  label: string;
  /** The folder `pipecraft synth` runs in. */
  dir: string;
  /** The pipeline file, relative to `dir`. */
  app: string;
  /** The committed output, relative to `dir`; undefined when it is only generated at CI time. */
  committedOutput: string | undefined;
  /** Environment the pipeline file reads while it is evaluated. */
  env: Record<string, string>;
  /** Committed output of the Kubernetes and Kaniko targets, relative to `dir`. */
  committedManifests: readonly CommittedManifests[];
}

/** A committed file written by `pipecraft synth --target <target>` (its default output). */
export interface CommittedManifests {
  target: "kubernetes" | "kaniko";
  file: string;
}

const examplesDir = join(repoRoot, "examples");

/**
 * Every example under `examples/`, each with its own `pipeline.ts` and committed `.gitlab-ci.yml`
 * and `kubernetes.yaml`, and `kaniko.yaml` where it builds images.
 */
export const examplePipelines: readonly PipelineSource[] = readdirSync(examplesDir, {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => ({
    label: `examples/${entry.name}`,
    dir: join(examplesDir, entry.name),
    app: "pipeline.ts",
    committedOutput: ".gitlab-ci.yml",
    env: {},
    committedManifests: [
      { target: "kubernetes", file: "kubernetes.yaml" } as const,
      ...(existsSync(join(examplesDir, entry.name, "kaniko.yaml"))
        ? [{ target: "kaniko", file: "kaniko.yaml" } as const]
        : []),
    ],
  }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** The repository's own CI, generated from the root `pipeline.ts`. */
export const rootPipeline: PipelineSource = {
  label: "pipeline.ts (pipecraft's own CI)",
  dir: repoRoot,
  app: "pipeline.ts",
  committedOutput: ".gitlab-ci.yml",
  env: {},
  committedManifests: [],
};

/** The child pipeline `examples/dynamic-child` generates at run time, for two services. */
export const dynamicChildPipeline: PipelineSource = {
  label: "examples/dynamic-child child-pipeline.ts (SERVICES=api,worker)",
  dir: join(examplesDir, "dynamic-child"),
  app: "child-pipeline.ts",
  committedOutput: undefined,
  env: { SERVICES: "api,worker" },
  committedManifests: [],
};

/** The pipelines whose output is committed: examples and the repository's own. */
export const committedPipelines: readonly PipelineSource[] = [...examplePipelines, rootPipeline];

/** Reads the committed `.gitlab-ci.yml` of `source`. */
export function readCommittedOutput(source: PipelineSource): string {
  if (source.committedOutput === undefined) {
    throw new Error(`${source.label} has no committed output`);
  }
  return readFileSync(join(source.dir, source.committedOutput), "utf8");
}
