import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { formatDiagnostic, type Pipeline, validatePipeline } from "pipecraft";
import type { PipelineSource } from "./pipeline-sources.js";

/**
 * Evaluates a pipeline file in this process (with the environment it reads) and returns
 * pipecraft's validated, normalized model of it — what every target is generated from.
 */
export async function loadModel(source: PipelineSource): Promise<Pipeline> {
  const previous = new Map(Object.keys(source.env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, source.env);
  let exported: unknown;
  try {
    const module = (await import(pathToFileURL(join(source.dir, source.app)).href)) as {
      default?: unknown;
    };
    exported = module.default;
  } finally {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  const { pipeline, diagnostics } = validatePipeline(
    exported as Parameters<typeof validatePipeline>[0],
  );
  if (pipeline === undefined) {
    const messages = diagnostics.map((diagnostic) => formatDiagnostic(diagnostic, source.app));
    throw new Error(`${source.label} is invalid:\n${messages.join("\n")}`);
  }
  return pipeline;
}
