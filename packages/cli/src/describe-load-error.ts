import { resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describeFoundValue } from "@pipecraft/core";
import { describeMissingModule } from "./describe-missing-module.js";
import { displayPath } from "./display-path.js";
import { stackFrames } from "./stack-frames.js";

// The folder holding pipecraft's own packages (`packages/` in the monorepo, `node_modules/` when
// installed): frames inside it are pipecraft's, never the place the user has to fix.
const ownPackagesRoot = resolve(fileURLToPath(import.meta.url), "../../..");

/**
 * One user-facing message for whatever loading the pipeline file threw, located at the user's
 * source: `pipeline.ts:5:9: Error: boom` for an exception (the stack is source-mapped, so the
 * line is the .ts line), `pipeline.ts:2:21: error: Expected "}" but found ";"` for a syntax error,
 * `pipeline.ts: …` when no place is known. `withStack` appends the full stack (PIPECRAFT_DEBUG).
 */
export function describeLoadError(
  thrown: unknown,
  appDisplay: string,
  cwd: string,
  withStack: boolean,
): string {
  if (!(thrown instanceof Error)) {
    return `${appDisplay}: threw ${describeFoundValue(thrown)}`;
  }
  const compileErrors = esbuildErrors(thrown.message, cwd);
  if (compileErrors !== undefined) {
    return compileErrors;
  }
  const missingModule = describeMissingModule(thrown, cwd);
  if (missingModule !== undefined) {
    return missingModule;
  }
  const location = userFrame(thrown, cwd);
  const text = `${location ?? appDisplay}: ${thrown.name}: ${thrown.message}`;
  return withStack && thrown.stack !== undefined ? `${text}\n${thrown.stack}` : text;
}

/**
 * tsx compiles with esbuild, whose errors carry no structured location once tsx rethrows them,
 * only lines like `/abs/pipeline.ts:2:20: ERROR: Expected "}" but found ";"` (0-based column).
 */
function esbuildErrors(message: string, cwd: string): string | undefined {
  if (!/^Transform failed with \d+ errors?:/.test(message)) {
    return undefined;
  }
  const lines: string[] = [];
  for (const line of message.split("\n")) {
    const match = /^(.+):(\d+):(\d+): ERROR: (.*)$/.exec(line);
    if (match !== null) {
      const [, file = "", row = "", column = "", text = ""] = match;
      lines.push(
        `${displayPath(resolve(cwd, file), cwd)}:${row}:${Number(column) + 1}: error: ${text}`,
      );
    }
  }
  return lines.length === 0 ? undefined : lines.join("\n");
}

/** `file:line:column` of the innermost stack frame in the user's own code, if any. */
function userFrame(error: Error, cwd: string): string | undefined {
  const frame = stackFrames(error).find(
    ({ file }) =>
      !file.includes(`${sep}node_modules${sep}`) && !file.startsWith(`${ownPackagesRoot}${sep}`),
  );
  return frame === undefined
    ? undefined
    : `${displayPath(frame.file, cwd)}:${frame.line}:${frame.column}`;
}
