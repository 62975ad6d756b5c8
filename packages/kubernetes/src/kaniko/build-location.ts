import type { KanikoBuild } from "@pipecraft/core";

/** The `--context` and `--dockerfile` values of a build on one target. */
export interface BuildLocation {
  context: string;
  dockerfile: string;
  /**
   * True when the context is fetched (git://, s3://, gs://, https://, tar://): the Dockerfile is
   * then relative to the fetched context, and the executor must not run in a folder that has a
   * file of that name, because Kaniko looks for `--dockerfile` in its working directory first.
   */
  remote: boolean;
}

/** How a target names the project directory and a local folder context. */
export interface ProjectPlace {
  /** The project directory as the target writes it: `${CI_PROJECT_DIR}` or `/builds/app`. */
  projectDir: string;
  /** Written before a local folder in `--context`: "" (a plain path) or "dir://". */
  folderPrefix: "" | "dir://";
}

const urlPattern = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** A folder relative to the project directory without "." segments or slashes at the ends. */
function normalizedFolder(folder: string): string {
  return folder
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}

function joinPath(folder: string, path: string): string {
  return path.startsWith("/") || urlPattern.test(path)
    ? path
    : `${folder}/${path.replace(/^(\.\/)+/, "")}`;
}

/**
 * Where a build reads its context and Dockerfile. A folder context (a path relative to the
 * project directory, or a dir:/// URL) gets an absolute `--dockerfile` inside it, because Kaniko
 * resolves a relative one against its working directory before the context and would pick up a
 * Dockerfile of the project root. A fetched context keeps the Dockerfile relative to it.
 */
export function buildLocation(build: KanikoBuild, place: ProjectPlace): BuildLocation {
  const context = build.context ?? ".";
  const dockerfile = build.dockerfile ?? "Dockerfile";
  if (context.startsWith("dir://")) {
    const folder = context.slice("dir://".length).replace(/\/+$/, "");
    return { context, dockerfile: joinPath(folder, dockerfile), remote: false };
  }
  if (urlPattern.test(context)) return { context, dockerfile, remote: true };
  const folder = normalizedFolder(context);
  const directory = folder === "" ? place.projectDir : `${place.projectDir}/${folder}`;
  return {
    context: `${place.folderPrefix}${directory}`,
    dockerfile: joinPath(directory, dockerfile),
    remote: false,
  };
}
