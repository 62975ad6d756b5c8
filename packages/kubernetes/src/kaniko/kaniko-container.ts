import type { KanikoBuild } from "@pipecraft/core";
import type { V1Container, V1Volume, V1VolumeMount } from "@pipecraft/core/kubernetes-types";
import { buildLocation } from "./build-location.js";
import { executorArguments } from "./executor-arguments.js";
import { kanikoImage } from "./executor-image.js";
import { KANIKO_DOCKER_CONFIG_DIR, KANIKO_EXECUTOR } from "./executor-layout.js";
import { kanikoSecurityContext } from "./kaniko-security-context.js";
import { kubernetesExpansion } from "./kubernetes-expansion.js";

/** Where the Kaniko container of a job's Pod finds the project. */
export interface KanikoPlace {
  /** Where the workspace is mounted: CI_PROJECT_DIR, e.g. `/builds/app`. */
  projectDir: string;
  /** The name of the Pod's workspace volume. */
  workspaceVolume: string;
}

/** The main container of a Kaniko build Pod and the volumes it adds besides the workspace. */
export interface KanikoPod {
  container: V1Container;
  volumes: V1Volume[];
}

/** The name of the Secret volume holding the executor's `config.json`. */
export const KANIKO_DOCKER_CONFIG_VOLUME = "kaniko-docker-config";

/**
 * The Kubernetes form of a Kaniko build: a container named `kaniko` that runs the executor
 * directly (no shell), with the flags as `args`:
 *
 * - `--context=dir://<projectDir>/<folder>` for a folder (the workspace is always mounted at
 *   projectDir, as the checkout is on GitLab, so that a folder context, and outputs such as
 *   `--tar-path`, are there); URLs as written;
 * - `--dockerfile` absolute inside a folder context, relative to a fetched one;
 * - `--digest-file=/dev/termination-log`: the pushed digest becomes the container's termination
 *   message;
 * - `$NAME`/`${NAME}` references in any value become `$(NAME)`, which Kubernetes expands from the
 *   container's `env` (the job's variables); other `$` stay literal.
 *
 * The working directory is projectDir (`/` for a fetched context), as on GitLab. With
 * `registryAuth.secretName`, the kubernetes.io/dockerconfigjson Secret is mounted read-only at
 * /kaniko/.docker with its `.dockerconfigjson` as `config.json`.
 * @example const { container, volumes } = kanikoContainer(build, { projectDir: "/builds/app", workspaceVolume: "workspace" });
 */
export function kanikoContainer(build: KanikoBuild, place: KanikoPlace): KanikoPod {
  const location = buildLocation(build, { projectDir: place.projectDir, folderPrefix: "dir://" });
  const args = executorArguments(build, location, { digestFile: "/dev/termination-log" });
  const secretName = build.registryAuth?.secretName;
  const volumeMounts: V1VolumeMount[] = [
    { name: place.workspaceVolume, mountPath: place.projectDir },
  ];
  const volumes: V1Volume[] = [];
  if (secretName !== undefined) {
    volumeMounts.push({
      name: KANIKO_DOCKER_CONFIG_VOLUME,
      mountPath: KANIKO_DOCKER_CONFIG_DIR,
      readOnly: true,
    });
    volumes.push({
      name: KANIKO_DOCKER_CONFIG_VOLUME,
      secret: { secretName, items: [{ key: ".dockerconfigjson", path: "config.json" }] },
    });
  }
  return {
    container: {
      name: "kaniko",
      image: kanikoImage(build),
      command: [KANIKO_EXECUTOR],
      args: args.map(kubernetesExpansion),
      workingDir: location.remote ? "/" : place.projectDir,
      volumeMounts,
      securityContext: kanikoSecurityContext(),
    },
    volumes,
  };
}
