import { readFileSync } from "node:fs";
import { basename, dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describeFoundValue } from "@pipecraft/core";
import { addCommand, packageManagerOf } from "./package-manager.js";
import { displayPath } from "./resolve-app-file.js";
import { stackFrames } from "./stack-frames.js";

// The folder holding pipecraft's own packages (`packages/` in the monorepo, `node_modules/` when
// installed): frames inside it are pipecraft's, never the place the user has to fix. This file
// is `<root>/cli/src/load/describe-load-error.ts`, or part of a bundled `<root>/pipecraft/dist/….js`.
const ownPackagesRoot = packagesRoot(fileURLToPath(import.meta.url));

/** `<root>` of `<root>/<package>/src/…` or `<root>/<package>/dist/…`. */
function packagesRoot(file: string): string {
  let directory = dirname(file);
  while (basename(directory) !== "src" && basename(directory) !== "dist") {
    const parent = dirname(directory);
    if (parent === directory) return dirname(dirname(file));
    directory = parent;
  }
  return dirname(dirname(directory));
}

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
  try {
    return describeThrown(thrown, appDisplay, cwd, withStack);
  } catch {
    // The thrown value fights back (a Proxy whose traps throw, a getter on `message`): say what
    // we can without touching it again.
    return `${appDisplay}: threw a value that cannot be inspected`;
  }
}

function describeThrown(
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
  const location = userLocation(thrown, cwd);
  const text = `${location ?? appDisplay}: ${thrown.name}: ${oneLine(thrown.message)}${causes(thrown)}${stackOverflowHint(thrown)}`;
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
        `${displayPath(resolve(cwd, file), cwd)}:${row}:${Number(column) + 1}: error: ${text}${esbuildFix(file, text)}`,
      );
    }
  }
  return lines.length === 0 ? undefined : lines.join("\n");
}

// esbuild says what is wrong; where the fix is not obvious from that, say it.
function esbuildFix(file: string, text: string): string {
  if (/^Top-level await is currently not supported with the "cjs" output format/.test(text)) {
    const rename = file.endsWith(".cts")
      ? "rename it to .mts"
      : 'rename it to .mts, or set "type": "module" in package.json';
    return ` (this file is loaded as CommonJS, which has no top-level await; to make it an ES module, ${rename})`;
  }
  return "";
}

/**
 * What caused the error, when it says (`fetch failed` hides the DNS or TLS error that made it
 * fail): ` (cause: getaddrinfo ENOTFOUND registry.example)`, following up to three causes.
 */
function causes(error: Error): string {
  const parts: string[] = [];
  let cause: unknown = error.cause;
  while (cause !== undefined && parts.length < 3) {
    if (cause instanceof Error) {
      parts.push(oneLine(cause.message || cause.name));
      cause = cause.cause;
    } else {
      parts.push(describeFoundValue(cause));
      break;
    }
  }
  return parts.length === 0 ? "" : ` (cause: ${parts.join("; cause: ")})`;
}

// A message is printed on one line: its own line breaks would start lines that look like ours.
function oneLine(message: string): string {
  return String(message).replace(/\r\n?|[\n\u2028\u2029]/g, "\\n");
}

// Validating a pipeline walks its objects recursively; only a cycle or absurd nesting exhausts the stack.
function stackOverflowHint(error: Error): string {
  return error instanceof RangeError && /call stack/i.test(error.message)
    ? " (is an object in the pipeline nested very deeply, or does it contain itself?)"
    : "";
}

/** `file:line:column` of the innermost stack frame in the user's own code, if any. */
export function userLocation(error: Error, cwd: string): string | undefined {
  const frame = stackFrames(error).find(
    ({ file }) =>
      !file.includes(`${sep}node_modules${sep}`) && !file.startsWith(`${ownPackagesRoot}${sep}`),
  );
  return frame === undefined
    ? undefined
    : `${displayPath(frame.file, cwd)}:${frame.line}:${frame.column}`;
}

// Node's ESM resolver: "Cannot find module '/abs/x.js' imported from /abs/pipeline.ts" for files,
// "Cannot find package 'x' imported from /abs/pipeline.ts" for packages.
const missingImport = /^Cannot find (module|package) '(.+)' imported from (.+)$/;

/**
 * `pipeline.ts:3:1: cannot find module "./ci-helpers.js"; …` for an import that does not resolve,
 * at the line of the import statement; undefined for any other error.
 */
function describeMissingModule(error: Error, cwd: string): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (code !== "ERR_MODULE_NOT_FOUND") return undefined;
  const match = missingImport.exec(error.message.split("\n")[0] ?? "");
  if (match === null) return undefined;
  const [, kind = "", target = "", importer = ""] = match;
  // A missing file is reported with its absolute path: show it as the user wrote it, relative to
  // the importing file.
  const specifier = kind === "package" ? target : relativeSpecifier(importer, target);
  const fix =
    kind === "package"
      ? `install it (${addCommand(packageManagerOf(dirname(importer)), packageName(target))}) or fix the name`
      : "check the path and the file extension (.js for a .ts file, as in any ESM import)";
  const { location, written } = findImport(importer, specifier, cwd);
  return `${location}: cannot find ${kind} "${written}"; ${fix}`;
}

/** The package of a bare specifier: `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

function relativeSpecifier(importer: string, target: string): string {
  const path = relative(dirname(importer), target).split(sep).join("/");
  return path.startsWith(".") ? path : `./${path}`;
}

/**
 * Where the import is written and the specifier as written (a package import may name a
 * subpath, `pkg/sub`, which Node's message leaves out); just the file when it isn't found.
 */
function findImport(
  importer: string,
  specifier: string,
  cwd: string,
): { location: string; written: string } {
  const file = displayPath(importer, cwd);
  let source: string;
  try {
    source = readFileSync(importer, "utf8");
  } catch {
    return { location: file, written: specifier };
  }
  const escaped = specifier.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const quoted = new RegExp(`(["'\`])(${escaped}(?:/[^"'\`]*)?)\\1`);
  for (const [index, line] of source.split("\n").entries()) {
    const match = quoted.exec(line);
    if (match !== null) {
      return {
        location: `${file}:${index + 1}:${match.index + 1}`,
        written: match[2] ?? specifier,
      };
    }
  }
  return { location: file, written: specifier };
}
