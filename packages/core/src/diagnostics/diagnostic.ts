import type { DiagnosticCode } from "./codes.js";
import { escapeControlCharacters } from "./escape-control-characters.js";

/** One problem found in a pipeline definition: where it is, what is wrong and, where possible, the fix. */
export type Diagnostic = {
  /** What kind of problem, e.g. `needs/unknown-job`: stable, for programs to match on. */
  code: DiagnosticCode;
  /** Location inside the pipeline input, e.g. `jobs.test.needs[0]`, `stages`, `workflow.rules[1].if`. */
  path: string;
  message: string;
  severity: "error" | "warning";
};

/** Builds an error diagnostic. */
export function error(code: DiagnosticCode, path: string, message: string): Diagnostic {
  return { code, path, message, severity: "error" };
}

/** Builds a warning diagnostic. */
export function warning(code: DiagnosticCode, path: string, message: string): Diagnostic {
  return { code, path, message, severity: "warning" };
}

/**
 * Renders a diagnostic as one line: `pipeline.ts: jobs.test.needs[0]: no job named "biuld"; did
 * you mean "build"?`. Control characters a message took from the user's values are escaped,
 * whichever check wrote it, so that nothing reaches the terminal that it would act on.
 */
export function formatDiagnostic(diagnostic: Diagnostic, sourceFile?: string): string {
  // Errors carry no prefix (they are the normal case, as in gitlab-ci-local); warnings say so,
  // because they do not stop the synth and a reader must be able to tell them apart.
  // The code is for programs; the line a person reads stays message-first.
  const parts = [
    sourceFile,
    diagnostic.path === "" ? undefined : diagnostic.path,
    diagnostic.severity === "warning" ? `warning: ${diagnostic.message}` : diagnostic.message,
  ];
  return escapeControlCharacters(
    parts.filter((part) => part !== undefined && part !== "").join(": "),
  );
}

/** True when any diagnostic is an error (warnings never block the synth). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === "error");
}
