export { parseGitlabYaml } from "./parse-gitlab-yaml.js";
export type { SynthGitlabOptions } from "./synth-gitlab.js";
export { synthGitlab } from "./synth-gitlab.js";
export { toGitlabDocuments } from "./to-gitlab-documents.js";
export { GITLAB_MAX_YAML_SIZE_BYTES, gitlabYamlSizeDiagnostics } from "./yaml-size-limit.js";
