import { type Diagnostic, warningDiagnostic } from "@pipecraft/core";

/**
 * GitLab's default `max_yaml_size_bytes` since GitLab 17.3: 2 megabytes (Rails' 2.megabytes,
 * 2 MiB) per CI/CD configuration file (docs: administration/cicd/limits, "Maximum size and depth
 * of CI/CD configuration YAML files"; 1 MB before). GitLab measures the parsed YAML in memory,
 * which is larger than the text, so a file over this size is rejected by an instance that keeps
 * the default, and one somewhat under it may be too.
 */
export const GITLAB_MAX_YAML_SIZE_BYTES = 2 * 1024 * 1024;

/**
 * A warning when the generated `.gitlab-ci.yml` text is larger than GitLab's default YAML size
 * limit, naming its size; none otherwise.
 * @example gitlabYamlSizeDiagnostics(synthGitlab(pipeline)) // [] for any ordinary pipeline
 */
export function gitlabYamlSizeDiagnostics(text: string): Diagnostic[] {
  // The UTF-8 length without encoding the text: at most 3 bytes per UTF-16 unit, so most texts
  // are decided by their length alone.
  if (text.length * 3 <= GITLAB_MAX_YAML_SIZE_BYTES) return [];
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= GITLAB_MAX_YAML_SIZE_BYTES) return [];
  const mebibytes = (bytes / (1024 * 1024)).toFixed(1);
  return [
    warningDiagnostic(
      "gitlab/yaml-too-large",
      "",
      `the generated YAML is ${mebibytes} MiB (${bytes} bytes), over GitLab's default limit of 2 MiB per CI/CD configuration file (max_yaml_size_bytes); GitLab rejects it unless the instance raises that limit: move jobs into child pipelines (trigger: include) or shorten repeated scripts with default and !reference`,
    ),
  ];
}
