// Which package manager a project uses, told from its lockfile, so that a hint says the command
// the user would type (`npm install -D x` in an npm project, not `pnpm add x`).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The package managers a lockfile names. */
export type PackageManager = "npm" | "pnpm" | "yarn" | "bun";

const lockfiles: readonly (readonly [string, PackageManager])[] = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
];

/** The package manager of the nearest folder (from `directory` up) with a lockfile; npm when none. */
export function packageManagerOf(directory: string): PackageManager {
  for (let current = directory; ; current = dirname(current)) {
    for (const [file, manager] of lockfiles) {
      if (existsSync(join(current, file))) return manager;
    }
    if (dirname(current) === current) return "npm";
  }
}

/** The command that adds `name` to the project: `npm install x`, `pnpm add -D x`, … */
export function addCommand(manager: PackageManager, name: string, dev = false): string {
  const flag = dev ? " -D" : "";
  return manager === "npm" ? `npm install${flag} ${name}` : `${manager} add${flag} ${name}`;
}

/** The command that installs what package.json lists: `npm install`, `pnpm install`, … */
export function installCommand(manager: PackageManager): string {
  return manager === "yarn" ? "yarn install" : `${manager} install`;
}

/** How the project runs a binary it installed: `npx pipecraft`, `pnpm exec pipecraft`, … */
export function execCommand(manager: PackageManager, binary: string): string {
  const prefix = { npm: "npx", pnpm: "pnpm exec", yarn: "yarn", bun: "bunx" }[manager];
  return `${prefix} ${binary}`;
}
