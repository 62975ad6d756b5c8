import { topLevelKeywords } from "@pipecraft/core";
/**
 * The top-level keywords of the main document, in the order they are written: what the
 * pipeline is (stages, variables, workflow), where more configuration comes from, job
 * defaults, then the deprecated global forms of `default`. Jobs follow. `spec` is not here:
 * it lives in its own header document.
 */
export const TOP_LEVEL_KEY_ORDER = [
  "stages",
  "variables",
  "workflow",
  "include",
  "default",
  "image",
  "services",
  "cache",
  "before_script",
  "after_script",
] as const;

// The model owns the keyword list; this file only owns the order they are written in.
const TOP_LEVEL: ReadonlySet<string> = new Set<string>(topLevelKeywords);

/** True when `key` is a top-level keyword rather than a job name. */
export function isTopLevelKeyword(key: string): boolean {
  return TOP_LEVEL.has(key);
}
