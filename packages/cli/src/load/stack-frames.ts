import { findSourceMap } from "node:module";
import { isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";

/** One stack frame at its original source position: absolute file path, 1-based line and column. */
export interface StackFrame {
  file: string;
  line: number;
  column: number;
}

/**
 * The frames of an error's stack that are in files (not Node internals or eval code), mapped
 * through the source maps tsx registers, so the lines are the TypeScript lines.
 *
 * Node applies source maps to `error.stack` only while nobody else owns `Error.prepareStackTrace`;
 * test runners do (vitest maps its own files), so the call sites are read and mapped here. If the
 * stack was already formatted, it is parsed as text: Node has then mapped it, or nobody can.
 */
export function stackFrames(error: Error): StackFrame[] {
  let frames: StackFrame[] | undefined;
  const previous = Error.prepareStackTrace;
  // V8 formats `stack` once, on first access, with the prepareStackTrace installed at that time.
  Error.prepareStackTrace = (thrown, callSites) => {
    const mapped = callSites.map(mapCallSite);
    frames = mapped.filter((frame) => frame !== undefined);
    return previous === undefined
      ? formatStack(thrown, callSites, mapped)
      : previous(thrown, callSites);
  };
  try {
    void error.stack;
  } finally {
    Error.prepareStackTrace = previous;
  }
  return frames ?? parseStack(error.stack ?? "");
}

function mapCallSite(site: NodeJS.CallSite): StackFrame | undefined {
  const location = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (location === undefined || location === null || line === null || column === null) {
    return undefined;
  }
  return mapFrame(location, line, column);
}

/** The stack as Node prints it, at the mapped positions (shown with PIPECRAFT_DEBUG). */
function formatStack(
  error: Error,
  callSites: readonly NodeJS.CallSite[],
  mapped: readonly (StackFrame | undefined)[],
): string {
  const lines = callSites.map((site, index) => {
    const frame = mapped[index];
    if (frame === undefined) {
      return `    at ${site}`;
    }
    const position = `${frame.file}:${frame.line}:${frame.column}`;
    const name = site.getFunctionName();
    return name === null ? `    at ${position}` : `    at ${name} (${position})`;
  });
  return [`${error.name}: ${error.message}`, ...lines].join("\n");
}

function mapFrame(location: string, line: number, column: number): StackFrame | undefined {
  const file = filePath(location);
  if (file === undefined) {
    return undefined;
  }
  // The source map is registered under the module's URL as loaded (tsx adds a query to it).
  const entry = findSourceMap(location)?.findEntry(line - 1, column - 1);
  if (entry === undefined || !("originalLine" in entry) || entry.originalLine === undefined) {
    return { file, line, column };
  }
  return {
    file: filePath(entry.originalSource) ?? file,
    line: entry.originalLine + 1,
    column: entry.originalColumn + 1,
  };
}

/** Frames of an already formatted stack: `    at fn (/abs/file.ts:5:9)` or `    at file:///abs/file.ts:5:9`. */
function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const text of stack.split("\n")) {
    const match = /^\s+at (?:async )?(?:[^(]*\()?(.+?):(\d+):(\d+)\)?$/.exec(text);
    const file = match?.[1] === undefined ? undefined : filePath(match[1]);
    if (match !== null && file !== undefined) {
      frames.push({ file, line: Number(match[2]), column: Number(match[3]) });
    }
  }
  return frames;
}

/** The absolute path of a frame's location, or undefined for `node:` internals, `data:` and eval code. */
function filePath(location: string): string | undefined {
  // tsx tags module URLs with a query (`?tsx-namespace=…`); it is not part of the file name.
  const withoutQuery = location.replace(/\?[^/]*$/, "");
  if (withoutQuery.startsWith("file://")) {
    return fileURLToPath(withoutQuery);
  }
  return isAbsolute(withoutQuery) ? withoutQuery : undefined;
}
