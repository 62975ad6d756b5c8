import { access } from "node:fs/promises";
import { dirname, join } from "node:path";

/** A package manager, as told by the lockfile found at or above the project's folder. */
export type PackageManager = "npm" | "pnpm" | "yarn" | "bun";

/** Lockfile names, each telling its package manager; the first found (nearest folder) wins. */
const lockfiles: readonly (readonly [string, PackageManager])[] = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
];

/** The package manager whose lockfile is nearest at or above `directory`; npm when there is none. */
export async function detectPackageManager(directory: string): Promise<PackageManager> {
  for (let current = directory; ; current = dirname(current)) {
    for (const [file, manager] of lockfiles) {
      if (await exists(join(current, file))) return manager;
    }
    if (dirname(current) === current) return "npm";
  }
}

/** The command that installs what package.json lists, e.g. `pnpm install`. */
export function installCommand(manager: PackageManager): string {
  return `${manager} install`;
}

/** The command that adds `packages` as devDependencies, e.g. `npm install -D @pipecraft/runtime`. */
export function addDevCommand(manager: PackageManager, packages: readonly string[]): string {
  const verb = manager === "npm" ? "install -D" : "add -D";
  return `${manager} ${verb} ${packages.join(" ")}`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
