// Where the module of an included YAML file goes and what it exports: `ci/build.gitlab-ci.yml` →
// `ci/build.gitlab-ci.ts` exporting `build`, imported as `./ci/build.gitlab-ci.js`.
import { posix } from "node:path";

/** `ci/build.gitlab-ci.yml` → `build`: the export's name, from the file name. */
export function moduleName(path: string): string {
  const name = posix.basename(path).replace(/\.ya?ml$/, "");
  return name.replace(/\.gitlab-ci$/, "") || name;
}

/** `ci/build.gitlab-ci.yml` → `ci/build.gitlab-ci.ts`; a path already taken gets a number. */
export function outputPath(path: string, taken: Set<string>): string {
  const base = /\.ya?ml$/.test(path) ? path.replace(/\.ya?ml$/, "") : path;
  let candidate = `${base}.ts`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}.ts`;
  taken.add(candidate);
  return candidate;
}

/** How `from` (a path beside pipeline.ts) imports `to`: `./ci/build.js`, `../base.js`. */
export function moduleSpecifier(from: string, to: string): string {
  const relative = posix.relative(posix.dirname(from), to).replace(/\.ts$/, ".js");
  return relative.startsWith(".") ? relative : `./${relative}`;
}
