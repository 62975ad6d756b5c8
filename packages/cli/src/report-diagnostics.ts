import { type Diagnostic, formatDiagnostic } from "@pipecraft/core";
import type { OutputStream } from "./cli-io.js";
import { plural } from "./plural.js";

/**
 * Writes each diagnostic on its own line, errors first, then a summary such as
 * `2 errors and 1 warning in pipeline.ts`. Writes nothing when there are none.
 */
export function reportDiagnostics(
  diagnostics: readonly Diagnostic[],
  appDisplay: string,
  stderr: OutputStream,
): void {
  if (diagnostics.length === 0) {
    return;
  }
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === "warning");
  const lines = [...errors, ...warnings].map((diagnostic) =>
    formatDiagnostic(diagnostic, appDisplay),
  );
  const counts = [
    errors.length > 0 ? plural(errors.length, "error") : undefined,
    warnings.length > 0 ? plural(warnings.length, "warning") : undefined,
  ].filter((count) => count !== undefined);
  stderr.write(`${lines.join("\n")}\n${counts.join(" and ")} in ${appDisplay}\n`);
}
