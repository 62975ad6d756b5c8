import { isAbsolute, relative } from "node:path";

/** How a file is named in messages: relative to the current directory when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const fromCwd = relative(cwd, file);
  return fromCwd === "" || fromCwd.startsWith("..") || isAbsolute(fromCwd) ? file : fromCwd;
}
