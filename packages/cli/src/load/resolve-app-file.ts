import { stat } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { UsageError } from "../user-error.js";

/** The user's pipeline file: its absolute path and how messages name it. */
export interface AppFile {
  path: string;
  display: string;
}

/**
 * The pipeline file named by `--app` (default `pipeline.ts`), which must exist: otherwise a usage
 * error. `named` is how the message names the argument (a positional FILE: `file`).
 */
export async function resolveAppFile(
  app: string | undefined,
  cwd: string,
  command: string,
  named = "--app file",
): Promise<AppFile> {
  const path = resolve(cwd, app ?? "pipeline.ts");
  const display = displayPath(path, cwd);
  const stats = await stat(path).catch(() => undefined);
  if (stats === undefined) {
    // A missing file is a usage error (exit 2), not a pipeline error: nothing was evaluated, and
    // the fix is in the command line (or in where it is run), not in a pipeline.
    throw new UsageError(
      app === undefined
        ? `no pipeline.ts in ${cwd}; create one (pipecraft init writes a starter) or pass --app <file>`
        : `${named} not found: ${display}`,
      command,
    );
  }
  if (!stats.isFile()) {
    const what = named === "--app file" ? "--app must name a file: " : "";
    throw new UsageError(`${what}${display} is not a file`, command);
  }
  return { path, display };
}

/** How a file is named in messages: relative to the current directory when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const fromCwd = relative(cwd, file);
  if (fromCwd === "") return "."; // `--out .`
  return fromCwd.startsWith("..") || isAbsolute(fromCwd) ? file : fromCwd;
}
