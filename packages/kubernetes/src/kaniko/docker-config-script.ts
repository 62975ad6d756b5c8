import type { KanikoBuild } from "@pipecraft/core";
import { KANIKO_DOCKER_CONFIG_DIR } from "./executor-layout.js";
import { shellWord } from "./shell-word.js";

/** The registry credentials of a build, as written in its options. */
export type KanikoRegistryAuth = NonNullable<KanikoBuild["registryAuth"]>;

/**
 * Shell commands that write the executor's `config.json` from CI variables, as GitLab's Kaniko
 * documentation does: `{"auths":{"<registry>":{"auth":"<base64 of user:password>"}}}`.
 *
 * The commands name the variables and never contain a value, so neither the YAML nor the job
 * log (GitLab's runner echoes each command as written, before expansion) shows a secret; the
 * password is expanded only inside a command substitution piped to base64, and nothing is
 * traced. The registry defaults to `$CI_REGISTRY`, the variables to `CI_REGISTRY_USER` and
 * `CI_REGISTRY_PASSWORD`.
 */
export function dockerConfigScript(auth: KanikoRegistryAuth): string[] {
  const registry = shellWord(auth.registry ?? "$CI_REGISTRY");
  const username = `"\${${auth.usernameVariable ?? "CI_REGISTRY_USER"}}"`;
  const password = `"\${${auth.passwordVariable ?? "CI_REGISTRY_PASSWORD"}}"`;
  const credentials = `"$(printf '%s:%s' ${username} ${password} | base64 | tr -d '\\n')"`;
  return [
    `mkdir -p ${KANIKO_DOCKER_CONFIG_DIR}`,
    `printf '{"auths":{"%s":{"auth":"%s"}}}' ${registry} ${credentials} > ${KANIKO_DOCKER_CONFIG_DIR}/config.json`,
  ];
}
