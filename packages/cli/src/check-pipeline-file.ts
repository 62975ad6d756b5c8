import { type Pipeline, validatePipeline } from "@pipecraft/core";
import type { CliIo } from "./cli-io.js";
import { loadPipelineFile } from "./load-pipeline-file.js";
import { reportDiagnostics } from "./report-diagnostics.js";
import type { AppFile } from "./resolve-app-file.js";

/**
 * Loads and validates the pipeline file, reporting every diagnostic on stderr. Returns the
 * normalized pipeline, or undefined when there are errors (warnings do not count).
 */
export async function checkPipelineFile(app: AppFile, io: CliIo): Promise<Pipeline | undefined> {
  const debug = (io.env.PIPECRAFT_DEBUG ?? "") !== "";
  const definition = await loadPipelineFile(app, io.cwd, debug);
  const { pipeline, diagnostics } = validatePipeline(definition);
  reportDiagnostics(diagnostics, app.display, io.stderr);
  return pipeline;
}
