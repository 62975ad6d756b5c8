import type { KanikoBuild } from "@pipecraft/core";
import { buildLocation } from "./build-location.js";
import { dockerConfigScript } from "./docker-config-script.js";
import { executorArguments } from "./executor-arguments.js";
import { KANIKO_EXECUTOR } from "./executor-layout.js";
import { shellWord } from "./shell-word.js";

/**
 * The `script` of a Kaniko build job on GitLab: the registry credentials when `registryAuth` is
 * set, then one executor command with one flag per line. A folder context is
 * `${CI_PROJECT_DIR}/<folder>`; a fetched context runs the executor from `/`, so that a
 * Dockerfile in the checkout cannot stand in for the context's own.
 */
export function kanikoScript(build: KanikoBuild): string[] {
  const location = buildLocation(build, {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, expanded by the job
    projectDir: "${CI_PROJECT_DIR}",
    folderPrefix: "",
  });
  const words = [KANIKO_EXECUTOR, ...executorArguments(build, location).map(shellWord)];
  return [
    ...(build.registryAuth === undefined ? [] : dockerConfigScript(build.registryAuth)),
    ...(location.remote ? ["cd /"] : []),
    words.join(" \\\n  "),
  ];
}
