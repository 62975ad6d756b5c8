import { relative, sep } from "node:path";

/**
 * How the generated file's header names the pipeline file: relative to the directory the output
 * lives in, with `/` separators, so the same checkout gives the same bytes on every machine.
 */
export function sourceFileLabel(appPath: string, fromDirectory: string): string {
  return relative(fromDirectory, appPath).split(sep).join("/");
}
