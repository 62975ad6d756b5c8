export { gitlabYamlTags } from "./gitlab-yaml-tags.js";
export { parseGitlabYaml } from "./parse-gitlab-yaml.js";
export type {
  FetchableInclude,
  LocalIncludeResult,
  LocalIncludeSource,
} from "./resolve-local-includes.js";
export { resolveLocalIncludes } from "./resolve-local-includes.js";
export type { SynthGitlabOptions } from "./synth-gitlab.js";
export { gitlabTarget, synthGitlab } from "./synth-gitlab.js";
export { toGitlabDocuments } from "./to-gitlab-documents.js";
export type { YamlPlace } from "./yaml-place.js";
