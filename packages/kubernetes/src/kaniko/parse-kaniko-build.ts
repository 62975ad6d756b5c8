import {
  checkPrototypeKeys,
  escapeControlCharacters,
  formatDiagnostic,
  issueDiagnostics,
  issueMessage,
  type KanikoBuild,
  kanikoBuildSchema,
} from "@pipecraft/core";

/**
 * Validates the options of a Kaniko build with `kanikoBuildSchema`; throws one Error whose one
 * line names every bad option and the problem, worded as the same options are inside a
 * pipeline's `kubernetes.kaniko`, e.g. `kaniko.build: destinations: expected at least one image reference`.
 */
export function parseKanikoBuild(options: unknown, caller = "kaniko.build"): KanikoBuild {
  const result = kanikoBuildSchema.safeParse(options, { error: issueMessage });
  // A `__proto__` build arg passes the schema but is lost in the copy it makes.
  const prototypeKeys = checkPrototypeKeys(options);
  if (result.success && prototypeKeys.length === 0) return result.data;
  const diagnostics = [
    ...(result.success ? [] : issueDiagnostics(result.error.issues, options)),
    ...prototypeKeys,
  ];
  const problems = diagnostics.map((diagnostic) => formatDiagnostic(diagnostic));
  // formatDiagnostic escapes each problem; the caller's name is ours, but escape the whole line
  // anyway so that nothing in the thrown message can act on a terminal.
  throw new Error(escapeControlCharacters(`${caller}: ${problems.join("; ")}`));
}
