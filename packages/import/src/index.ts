// Public API of @pipecraft/import: `.gitlab-ci.yml` → `pipeline.ts`. Re-exports only.
export type { ImportedFile, ImportOptions, ImportResult } from "./import-gitlab-yaml.js";
export { importGitlabYaml } from "./import-gitlab-yaml.js";
export type { ImportDiagnostic } from "./import-problem.js";
