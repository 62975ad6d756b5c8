/** The executor binary inside every Kaniko image (also its entrypoint). */
export const KANIKO_EXECUTOR = "/kaniko/executor";

/** The folder whose `config.json` holds the executor's registry credentials (`DOCKER_CONFIG`). */
export const KANIKO_DOCKER_CONFIG_DIR = "/kaniko/.docker";
