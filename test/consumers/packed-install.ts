// The packages as users get them: packed by pnpm (as `pnpm publish` packs them), installed by
// plain npm into a project outside the workspace.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../support/shared.js";
import { runProcess } from "./run-process.js";

/** A packed package: its name and the path of its tarball. */
export interface PackedPackage {
  name: string;
  tarball: string;
}

/** Packs every package under packages/ into `destination` (one `pnpm pack` run per package). */
export async function packAll(destination: string): Promise<PackedPackage[]> {
  const packages = readdirSync(join(repoRoot, "packages")).sort();
  const packed: PackedPackage[] = [];
  for (const folder of packages) {
    const cwd = join(repoRoot, "packages", folder);
    const { name } = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as {
      name: string;
    };
    const result = await runProcess("pnpm", ["pack", "--pack-destination", destination], { cwd });
    if (result.exitCode !== 0) throw new Error(`pnpm pack in ${cwd} failed:\n${result.stderr}`);
    const tarball = join(destination, `${name.replace(/^@/, "").replace("/", "-")}-0.1.0.tgz`);
    statSync(tarball);
    packed.push({ name, tarball });
  }
  return packed;
}

/** The paths inside a tarball, without the `package/` prefix. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const result = await runProcess("tar", ["-tzf", tarball], { cwd: repoRoot });
  if (result.exitCode !== 0) throw new Error(`tar -tzf ${tarball} failed:\n${result.stderr}`);
  return result.stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replace(/^package\//, ""));
}

/**
 * Writes a project's package.json into `dir` (`type` module or CommonJS) that asks for
 * `devDependencies` (name → spec) and takes every @pipecraft package from its tarball, then runs
 * `npm install` (from npm's cache when it has the packages). Throws with npm's output on failure.
 */
export async function npmInstall(
  dir: string,
  options: {
    type: "module" | "commonjs";
    devDependencies: Record<string, string>;
    packed: readonly PackedPackage[];
  },
): Promise<void> {
  const overrides = Object.fromEntries(
    options.packed.map((pkg) => [pkg.name, `file:${pkg.tarball}`]),
  );
  const manifest = {
    name: `consumer-${options.type}`,
    private: true,
    ...(options.type === "module" ? { type: "module" } : {}),
    devDependencies: options.devDependencies,
    overrides,
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const result = await runProcess(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"],
    { cwd: dir, timeoutMs: 300_000 },
  );
  if (result.exitCode !== 0) {
    throw new Error(`npm install in ${dir} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** Size of an installed node_modules: bytes of its files (each inode once) and npm packages. */
export interface InstallSize {
  bytes: number;
  packages: number;
}

/** Measures `dir`/node_modules: file bytes (hard links counted once) and installed packages. */
export function installSize(dir: string): InstallSize {
  const seen = new Set<string>();
  let bytes = 0;
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) {
        const stats = statSync(child);
        const key = `${stats.dev}:${stats.ino}`;
        if (!seen.has(key)) {
          seen.add(key);
          bytes += stats.size;
        }
      }
    }
  };
  walk(join(dir, "node_modules"));
  // npm's hidden lockfile lists every package it installed, nested ones included.
  const lock = JSON.parse(
    readFileSync(join(dir, "node_modules", ".package-lock.json"), "utf8"),
  ) as {
    packages: Record<string, unknown>;
  };
  const packages = Object.keys(lock.packages).filter((key) => key.includes("node_modules/")).length;
  return { bytes, packages };
}
