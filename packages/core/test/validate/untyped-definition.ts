import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { PipelineDefinition, PipelineOptions } from "../../src/pipeline.js";
import type { PipelineInput } from "../../src/schema/index.js";
import { validatePipeline } from "../../src/validate/validate-pipeline.js";

/** A definition built without `pipeline()`'s type checks, as a mistaken (or JS) user can. */
export function untypedDefinition(
  input: unknown,
  options: PipelineOptions = {},
): PipelineDefinition {
  return { kind: "pipecraft.pipeline", input: input as PipelineInput, options };
}

/** The diagnostics of an input as `[path, message, severity]` triples, easy to compare exactly. */
export function diagnosticsOf(
  input: unknown,
  options: PipelineOptions = {},
): [string, string, Diagnostic["severity"]][] {
  return validatePipeline(untypedDefinition(input, options)).diagnostics.map((d) => [
    d.path,
    d.message,
    d.severity,
  ]);
}

/** The diagnostics of an input as `[path, code]` pairs, for tests about codes. */
export function codesOf(
  input: unknown,
  options: PipelineOptions = {},
): [string, Diagnostic["code"]][] {
  return validatePipeline(untypedDefinition(input, options)).diagnostics.map((d) => [
    d.path,
    d.code,
  ]);
}
