import { type Diagnostic, type Pipeline, validatePipeline } from "@pipecraft/core";
import type { CliIo } from "./cli-io.js";
import { loadPipelineFile } from "./load-pipeline-file.js";
import { reportDiagnostics } from "./report-diagnostics.js";
import type { AppFile } from "./resolve-app-file.js";

/** A target run on the validated pipeline: its output, or undefined when it found errors. */
export type Render<Output> = (
  pipeline: Pipeline,
) => Promise<{ output: Output | undefined; diagnostics: readonly Diagnostic[] }>;

/**
 * Loads and validates the pipeline file, runs `render` on it when it is valid, and reports
 * every diagnostic of both on stderr in one list. Returns the output, or undefined when there
 * are errors (warnings do not count).
 */
export async function checkPipelineFile<Output>(
  app: AppFile,
  io: CliIo,
  render: Render<Output>,
): Promise<Output | undefined> {
  const debug = (io.env.PIPECRAFT_DEBUG ?? "") !== "";
  const definition = await loadPipelineFile(app, io.cwd, debug);
  const { pipeline, diagnostics } = validatePipeline(definition);
  const rendered = pipeline === undefined ? undefined : await render(pipeline);
  reportDiagnostics([...diagnostics, ...(rendered?.diagnostics ?? [])], app.display, io.stderr);
  return rendered?.output;
}
