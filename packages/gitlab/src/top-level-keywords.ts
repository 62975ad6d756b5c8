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

// The model owns the keyword list; this file only owns the order they are written in. `spec`
// belongs to the header document: in the main document GitLab reads it as a job.
const TOP_LEVEL: ReadonlySet<string> = new Set<string>(
  topLevelKeywords.filter((keyword) => keyword !== "spec"),
);

/** True when `key` of the main document is a top-level keyword rather than a job name. */
export function isTopLevelKeyword(key: string): boolean {
  return TOP_LEVEL.has(key);
}
