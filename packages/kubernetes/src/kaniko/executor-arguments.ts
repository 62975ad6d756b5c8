import type { KanikoBuild } from "@pipecraft/core";
import type { BuildLocation } from "./build-location.js";

/**
 * The executor's command-line arguments for a build, unquoted, in a fixed order: context,
 * Dockerfile, destinations, cache, build args (in the order written), target, digest file,
 * then `extraArgs` as given. Values keep their `$VAR` references; each target renders them.
 */
export function executorArguments(
  build: KanikoBuild,
  location: BuildLocation,
  options: { digestFile?: string } = {},
): string[] {
  const cache = build.cache ?? build.cacheRepo !== undefined;
  return [
    `--context=${location.context}`,
    `--dockerfile=${location.dockerfile}`,
    ...build.destinations.map((destination) => `--destination=${destination}`),
    ...(cache ? ["--cache=true"] : []),
    ...(build.cacheRepo === undefined ? [] : [`--cache-repo=${build.cacheRepo}`]),
    ...Object.entries(build.buildArgs ?? {}).map(([name, value]) => `--build-arg=${name}=${value}`),
    ...(build.target === undefined ? [] : [`--target=${build.target}`]),
    ...(options.digestFile === undefined ? [] : [`--digest-file=${options.digestFile}`]),
    ...(build.extraArgs ?? []),
  ];
}
