import type { DiagnosticCode } from "@pipecraft/core";

/** Where in the YAML file a problem is: 1-based line and column. */
export type SourcePlace = { readonly line: number; readonly column: number };

/** A diagnostic of `importGitlabYaml`, placed in the YAML file it read. */
export type ImportDiagnostic = {
  readonly code: DiagnosticCode;
  readonly severity: "error" | "warning";
  readonly message: string;
  /** 1-based line of the YAML file; 0 when the problem is the file as a whole. */
  readonly line: number;
  readonly column: number;
  /** The `include: local` file it is in, from the project root; absent for the imported file. */
  readonly file?: string;
};

/** Thrown inside the importer for what a `pipeline.ts` cannot represent; becomes an error diagnostic. */
export class ImportProblem extends Error {
  constructor(
    readonly code: DiagnosticCode,
    readonly place: SourcePlace,
    message: string,
    /** The included file it is in (see `ImportDiagnostic.file`). */
    readonly file?: string,
  ) {
    super(message);
  }
}
