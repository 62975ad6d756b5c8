import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { LocalIncludeSource } from "@pipecraft/gitlab";

// Never listed for wildcards and `rules:exists`: version control and installed packages.
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules"]);

/**
 * `include: local` files read from a directory (the repository root: the directory of the
 * `.gitlab-ci.yml`). Paths that leave the directory read as missing.
 */
export function directoryIncludeSource(root: string, file: string): LocalIncludeSource {
  let listed: string[] | undefined;
  return {
    file,
    readFile(path) {
      const full = resolve(root, path);
      if (relative(root, full).startsWith("..")) return undefined;
      try {
        return statSync(full).isFile() ? readFileSync(full, "utf8") : undefined;
      } catch {
        return undefined;
      }
    },
    files() {
      listed ??= listFiles(root, "");
      return listed;
    },
  };
}

function listFiles(root: string, under: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, under), { withFileTypes: true })) {
    const path = under === "" ? entry.name : `${under}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) {
      found.push(...listFiles(root, path));
    } else if (entry.isFile()) found.push(path.split(sep).join("/"));
  }
  return found;
}
