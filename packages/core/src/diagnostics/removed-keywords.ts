// GitLab CI/CD keywords that GitLab has removed, and what replaces each. GitLab rejects a file
// that still uses one with "unknown keys"; pipecraft says what to write instead. Below them, the
// deprecated keywords GitLab still accepts, and their replacement. Sources: GitLab's
// "Deprecations and removals" pages and the "Deprecated keywords" section of the CI/CD YAML
// reference (docs.gitlab.com/ci/yaml/deprecated_keywords).

import type { PathSegment } from "./path.js";

/** A keyword GitLab removed: where it was written, in which release it went, and its successor. */
export type RemovedKeyword = {
  /** The keyword as GitLab's reference writes it, e.g. `artifacts:reports:cobertura`. */
  keyword: string;
  /** Under a job (or `default`), or at the top level of the file. */
  scope: "job" | "top";
  /** The GitLab release that removed it. */
  removedIn: string;
  /** What to do instead: the clause after "removed in GitLab N;". */
  replacement: string;
};

/** Every removed keyword pipecraft gives a migration hint for. */
export const REMOVED_KEYWORDS: readonly RemovedKeyword[] = [
  { keyword: "type", scope: "job", removedIn: "15.0", replacement: "use `stage: <stage>`" },
  { keyword: "types", scope: "top", removedIn: "15.0", replacement: "use `stages: [...]`" },
  {
    keyword: "artifacts:reports:cobertura",
    scope: "job",
    removedIn: "15.0",
    replacement: "use `coverage_report: { coverage_format: cobertura, path: <file> }`",
  },
  {
    keyword: "artifacts:reports:performance",
    scope: "job",
    removedIn: "14.0",
    replacement: "use `browser_performance: <file>`",
  },
  {
    keyword: "artifacts:reports:cluster_applications",
    scope: "job",
    removedIn: "14.0",
    replacement:
      "it has no successor: manage cluster applications with a cluster management project",
  },
];

/**
 * Keywords GitLab still accepts but has deprecated, with their replacement: used, they are
 * warnings. Only those with a mechanical replacement (`only`/`except` → `rules` is a rewrite,
 * not a rename, and is left to the reader of GitLab's reference).
 */
export const DEPRECATED_TOP_LEVEL_KEYWORDS: readonly string[] = [
  "image",
  "services",
  "cache",
  "before_script",
  "after_script",
];

/** The hint for a deprecated top-level keyword: move it into `default`. */
export function deprecatedTopLevelMessage(keyword: string): string {
  return `${JSON.stringify(keyword)} at the top level is deprecated; move it into \`default\` (default: { ${keyword}: … })`;
}

/** The removed keyword an unknown key at `path` (e.g. `jobs.test.artifacts.reports.cobertura`) is. */
export function removedKeywordAt(path: readonly PathSegment[]): RemovedKeyword | undefined {
  const names = path.map(String);
  const inJob =
    names[0] === "jobs" && names.length >= 3
      ? names.slice(2).join(":")
      : names[0] === "default"
        ? names.slice(1).join(":")
        : undefined;
  const atTop = names.join(":");
  return REMOVED_KEYWORDS.find((entry) =>
    entry.scope === "job" ? entry.keyword === inJob : entry.keyword === atTop,
  );
}

/** The hint for a removed keyword: `"type" was removed in GitLab 15.0; use \`stage: <stage>\``. */
export function removedKeywordMessage(entry: RemovedKeyword): string {
  const name = entry.keyword.split(":").at(-1) ?? entry.keyword;
  return `${JSON.stringify(name)} was removed in GitLab ${entry.removedIn}; ${entry.replacement}`;
}
