import { readFile } from "node:fs/promises";
import { type Diagnostic, formatDiagnostic, parsePath } from "@pipecraft/core";
import { loadTypescript } from "./load-typescript.js";
import { type SourcePosition, sourcePosition } from "./source-position.js";

/**
 * Where each diagnostic with a path was written in the pipeline file at `appPath`. Empty when
 * the project has no `typescript` with a compiler API to parse it with (none, or TypeScript 7), or the file cannot be read: the lines then
 * name the file alone, as before.
 */
export async function placeDiagnostics(
  appPath: string,
  diagnostics: readonly Diagnostic[],
): Promise<Map<Diagnostic, SourcePosition>> {
  const placed = new Map<Diagnostic, SourcePosition>();
  const lookup = await loadTypescript(appPath).catch(() => undefined);
  const ts = lookup?.kind === "api" ? lookup.ts : undefined;
  const text =
    ts === undefined ? undefined : await readFile(appPath, "utf8").catch(() => undefined);
  if (ts === undefined || text === undefined) return placed;
  for (const diagnostic of diagnostics) {
    const path = diagnostic.path === "" ? undefined : parsePath(diagnostic.path);
    if (path === undefined) continue;
    const position = sourcePosition(ts, appPath, text, path);
    if (position !== undefined) placed.set(diagnostic, position);
  }
  return placed;
}

/**
 * One diagnostic as a line, placed when its position is known: `pipeline.ts:12:7:
 * jobs.test.needs[0]: …`, and `(computed near here)` after the path when the value was not
 * written as a literal there.
 */
export function formatPlacedDiagnostic(
  diagnostic: Diagnostic,
  appDisplay: string,
  position: SourcePosition | undefined,
): string {
  if (position === undefined) return formatDiagnostic(diagnostic, appDisplay);
  const where = `${appDisplay}:${position.line}:${position.column}`;
  const path = position.computed ? `${diagnostic.path} (computed near here)` : diagnostic.path;
  return formatDiagnostic({ ...diagnostic, path }, where);
}
