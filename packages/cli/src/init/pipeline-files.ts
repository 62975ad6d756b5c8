import type { CliIo } from "../cli-io.js";
import { printImportDiagnostics } from "../commands/import.js";
import { loadImporter } from "../load/optional-package.js";
import type { PackageManager } from "../load/package-manager.js";
import { starterPipeline } from "./starter-pipeline.js";

/** A file `pipecraft init` writes into the project (path relative to it) unless it exists. */
export interface InitFile {
  path: string;
  text: string;
}

/** Where the pipeline comes from: the starter, or an existing GitLab file (`init --from`). */
export type PipelineSource =
  | { kind: "starter"; manager: PackageManager }
  | { kind: "gitlab"; text: string; fileName: string };

/**
 * The pipeline files `pipecraft init` writes (pipeline.ts, and whatever modules it imports):
 * the one place a pipeline's source is chosen. `--from` goes through the optional
 * @pipecraft/import, loaded only then; its diagnostics are printed, and an empty list means the
 * file could not be imported.
 */
export async function pipelineFiles(
  source: PipelineSource,
  io: CliIo,
): Promise<readonly InitFile[]> {
  if (source.kind === "starter") {
    return [{ path: "pipeline.ts", text: starterPipeline(source.manager) }];
  }
  const { importGitlabYaml } = await loadImporter("init", io);
  const { files, diagnostics } = importGitlabYaml(source.text, { fileName: source.fileName });
  printImportDiagnostics(diagnostics, source.fileName, io);
  return files;
}
