// `tsc --noEmit` on the pipeline file, with the project's own typescript and tsconfig: the type
// errors (a `needs` typo, an unknown keyword) that loading with tsx does not report.
import { dirname } from "node:path";
import type * as TypeScript from "typescript";
import { displayPath } from "../load/resolve-app-file.js";

/** One type error as a line: `pipeline.ts:12:7: error TS2322: Type '"biuld"' is not …`. */
export type TypeCheckResult = { tsconfig: string | undefined; errors: string[] };

/**
 * Type-checks `appPath` and what it imports with the nearest tsconfig.json above it (its
 * compiler options; its file list is not checked, only the pipeline file), or strict NodeNext
 * defaults when there is none. Messages name files relative to `cwd`.
 */
export function typeCheck(ts: typeof TypeScript, appPath: string, cwd: string): TypeCheckResult {
  const configPath = ts.findConfigFile(dirname(appPath), ts.sys.fileExists, "tsconfig.json");
  let options: TypeScript.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  };
  const errors: string[] = [];
  if (configPath !== undefined) {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      configPath,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          errors.push(formatTsDiagnostic(ts, diagnostic, cwd));
        },
      },
    );
    if (parsed === undefined) return { tsconfig: displayPath(configPath, cwd), errors };
    options = parsed.options;
    errors.push(...parsed.errors.map((diagnostic) => formatTsDiagnostic(ts, diagnostic, cwd)));
  }
  const program = ts.createProgram([appPath], { ...options, noEmit: true });
  errors.push(
    ...ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
      .map((diagnostic) => formatTsDiagnostic(ts, diagnostic, cwd)),
  );
  return {
    tsconfig: configPath === undefined ? undefined : displayPath(configPath, cwd),
    errors,
  };
}

function formatTsDiagnostic(
  ts: typeof TypeScript,
  diagnostic: TypeScript.Diagnostic,
  cwd: string,
): string {
  // One line: the message chain's parts follow each other.
  const message = ts
    .flattenDiagnosticMessageText(diagnostic.messageText, "\n")
    .split("\n")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .join(" ");
  const text = `error TS${diagnostic.code}: ${message}`;
  if (diagnostic.file === undefined || diagnostic.start === undefined) return text;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${displayPath(diagnostic.file.fileName, cwd)}:${line + 1}:${character + 1}: ${text}`;
}
