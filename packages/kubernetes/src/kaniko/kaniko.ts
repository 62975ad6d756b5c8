import type { KanikoBuild, KanikoBuildInput, ReadonlyInput } from "@pipecraft/core";
import { kanikoDebugImage } from "./executor-image.js";
import { kanikoScript } from "./gitlab-script.js";
import { parseKanikoBuild } from "./parse-kaniko-build.js";

/** What `kaniko.build()` returns: a job to spread into `pipeline({ jobs })`. */
export interface KanikoJob {
  /** The executor's debug (shell-bearing) image, its entrypoint cleared as GitLab requires. */
  image: { name: string; entrypoint: [""] };
  /** The GitLab script: registry credentials when asked for, then `/kaniko/executor …`. */
  script: string[];
  /** The validated options, from which the Kubernetes target builds the Kaniko container. */
  kubernetes: { kaniko: KanikoBuild };
}

/**
 * An image build with Kaniko, as one job for every target: on GitLab the canonical Kaniko job
 * (debug executor image, `entrypoint: [""]`, a script running `/kaniko/executor`); on
 * Kubernetes a container running the executor without a shell (`kubernetes.kaniko`). Add
 * `stage`, `needs`, `rules` … by spreading it. Throws when an option is invalid.
 *
 * Values may refer to CI variables as `$NAME` or `${NAME}` (`$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA`):
 * GitLab's shell expands them inside double quotes, where spaces, quotes and backslashes of the
 * value are kept; on Kubernetes they become `$(NAME)`, expanded from the job's variables. No
 * other `$` and no backquote is expanded on either target: `x-$(touch pwned)` arrives as written.
 *
 * Registry login: Kaniko logs in to `$CI_REGISTRY` with `CI_REGISTRY_USER`/`CI_REGISTRY_PASSWORD`
 * by itself (its GitLab credential helper), so nothing is written by default. `registryAuth`
 * writes /kaniko/.docker/config.json from CI variables (registry `$CI_REGISTRY` and those two
 * variables unless named otherwise) on GitLab, and mounts `secretName` there on Kubernetes.
 * @example
 * pipeline({
 *   stages: ["test", "build"],
 *   jobs: {
 *     test: { stage: "test", script: ["npm test"] },
 *     "build-image": {
 *       ...kaniko.build({ destinations: ["$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA"], cache: true }),
 *       stage: "build",
 *       needs: ["test"],
 *     },
 *   },
 * });
 */
export function kanikoBuild(options: ReadonlyInput<KanikoBuildInput>): KanikoJob {
  const build = parseKanikoBuild(options);
  return {
    image: { name: kanikoDebugImage(build), entrypoint: [""] },
    script: kanikoScript(build),
    kubernetes: { kaniko: build },
  };
}

/** Kaniko image builds: `kaniko.build({ destinations: [...] })` returns a job. */
export const kaniko = { build: kanikoBuild } as const;
