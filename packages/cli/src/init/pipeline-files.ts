import type { PackageManager } from "../load/package-manager.js";
import { starterPipeline } from "./starter-pipeline.js";

/** A file `pipecraft init` writes into the project (path relative to it) unless it exists. */
export interface InitFile {
  path: string;
  text: string;
}

/** Where the pipeline comes from: the starter, for now the only source. */
export type PipelineSource = { kind: "starter"; manager: PackageManager };

/**
 * The pipeline files `pipecraft init` writes (pipeline.ts, and whatever modules it imports):
 * the one place a pipeline's source is chosen. An import from an existing .gitlab-ci.yml
 * (`init --from`, through the optional @pipecraft/import loaded on demand) is meant to return
 * its files here too, in the same shape; hence async.
 */
export async function pipelineFiles(source: PipelineSource): Promise<readonly InitFile[]> {
  return [{ path: "pipeline.ts", text: starterPipeline(source.manager) }];
}
