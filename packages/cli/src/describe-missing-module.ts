import { readFileSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { displayPath } from "./display-path.js";

// Node's ESM resolver: "Cannot find module '/abs/x.js' imported from /abs/pipeline.ts" for files,
// "Cannot find package 'x' imported from /abs/pipeline.ts" for packages.
const missingImport = /^Cannot find (module|package) '(.+)' imported from (.+)$/;

/**
 * `pipeline.ts:3:1: cannot find module "./ci-helpers.js"; …` for an import that does not resolve,
 * at the line of the import statement; undefined for any other error.
 */
export function describeMissingModule(error: Error, cwd: string): string | undefined {
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
      ? `install it (pnpm add ${target}) or fix the name`
      : "check the path and the file extension (.js for a .ts file, as in any ESM import)";
  const { location, written } = findImport(importer, specifier, cwd);
  return `${location}: cannot find ${kind} "${written}"; ${fix}`;
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
