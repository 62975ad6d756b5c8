// The TypeScript compiler, for placing diagnostics in the user's file: the user's own
// `typescript`, found from the pipeline file as Node would, so that a synth-only install carries
// none. Loaded only when there is a diagnostic to place.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type * as TypeScript from "typescript";

/** The compiler API the project of `fromFile` installs, or undefined when it has none. */
export async function loadTypescript(fromFile: string): Promise<typeof TypeScript | undefined> {
  let resolved: string;
  try {
    resolved = createRequire(fromFile).resolve("typescript");
  } catch {
    return undefined;
  }
  const loaded = (await import(pathToFileURL(resolved).href)) as {
    default?: typeof TypeScript;
  } & typeof TypeScript;
  return loaded.default ?? loaded;
}
