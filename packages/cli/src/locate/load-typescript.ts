// The TypeScript compiler, for placing diagnostics in the user's file: the user's own
// `typescript`, found from the pipeline file as Node would, so that a synth-only install carries
// none. Loaded only when there is a diagnostic to place.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type * as TypeScript from "typescript";

/**
 * What the project of a file installs as `typescript`: the compiler API (TypeScript 5 and 6), a
 * version without one (TypeScript 7, the native port, exports only its version), or nothing.
 */
export type TypescriptLookup =
  | { kind: "api"; ts: typeof TypeScript }
  | { kind: "no-api"; version: string }
  | { kind: "missing" };

/** The compiler API the project of `fromFile` installs, or why there is none. */
export async function loadTypescript(fromFile: string): Promise<TypescriptLookup> {
  let resolved: string;
  try {
    resolved = createRequire(fromFile).resolve("typescript");
  } catch {
    return { kind: "missing" };
  }
  const loaded = (await import(pathToFileURL(resolved).href)) as {
    default?: Partial<typeof TypeScript>;
  } & Partial<typeof TypeScript>;
  const ts = loaded.default ?? loaded;
  if (typeof ts.createProgram !== "function" || typeof ts.createSourceFile !== "function") {
    return { kind: "no-api", version: String(ts.version ?? loaded.version ?? "unknown") };
  }
  return { kind: "api", ts: ts as typeof TypeScript };
}
