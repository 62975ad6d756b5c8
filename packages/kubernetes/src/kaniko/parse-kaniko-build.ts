import {
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
  if (result.success) return result.data;
  const problems = issueDiagnostics(result.error.issues, options).map((diagnostic) =>
    formatDiagnostic(diagnostic),
  );
  throw new Error(`${caller}: ${problems.join("; ")}`);
}
