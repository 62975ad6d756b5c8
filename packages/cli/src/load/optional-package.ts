// The optional peers of `pipecraft`: packages that only some commands need and that a
// synth-only install leaves out, because they are heavy. A command that needs one imports it
// here, so that every command says the same one line when it is missing: what to install, how.
import type { CliIo } from "../cli-io.js";
import { version } from "../version.js";
import { addCommand, packageManagerOf } from "./package-manager.js";

/** The optional peers, with why each is left out of a synth-only install. */
const OPTIONAL = {
  "@pipecraft/runtime": "it brings @kubernetes/client-node, which synth does not need",
  "@pipecraft/import": "it brings ts-morph and the TypeScript compiler, which synth does not need",
} as const;

/** The name of an optional peer of `pipecraft`. */
export type OptionalPackage = keyof typeof OPTIONAL;

/** An optional peer a command needs is not installed; main() prints the message, exit 1. */
export class MissingPackageError extends Error {
  override readonly name = "MissingPackageError";
}

/**
 * The hint for a missing optional peer, with the install command of the project's package
 * manager, pinned to this CLI's version (the packages are released together, and a later
 * `@pipecraft/runtime` may not fit an older CLI): `pipecraft run: @pipecraft/runtime is not
 * installed (it is optional: …); run \`npm install -D @pipecraft/runtime@0.1.0\``.
 */
export function missingPackageMessage(
  command: string,
  name: OptionalPackage,
  cwd: string,
  cliVersion: string = version(),
): string {
  const pinned = /^\d+\.\d+\.\d+/.test(cliVersion) ? `${name}@${cliVersion}` : name;
  const install = addCommand(packageManagerOf(cwd), pinned, true);
  return `pipecraft ${command}: ${name} is not installed (it is optional: ${OPTIONAL[name]}); run \`${install}\``;
}

/** Imports @pipecraft/runtime for `command`, or throws MissingPackageError with the hint. */
export function loadRuntime(
  command: string,
  io: CliIo,
): Promise<typeof import("@pipecraft/runtime")> {
  return loadOptional(command, "@pipecraft/runtime", io, () => import("@pipecraft/runtime"));
}

/**
 * Imports @pipecraft/runtime's apply entry (what `pipecraft apply` needs, without the rest of the
 * Kubernetes client), or throws MissingPackageError with the hint.
 */
export function loadApplyRuntime(
  command: string,
  io: CliIo,
): Promise<typeof import("@pipecraft/runtime/apply")> {
  return loadOptional(command, "@pipecraft/runtime", io, () => import("@pipecraft/runtime/apply"));
}

/** Imports @pipecraft/import for `command`, or throws MissingPackageError with the hint. */
export function loadImporter(
  command: string,
  io: CliIo,
): Promise<typeof import("@pipecraft/import")> {
  return loadOptional(command, "@pipecraft/import", io, () => import("@pipecraft/import"));
}

async function loadOptional<Module>(
  command: string,
  name: OptionalPackage,
  io: CliIo,
  load: () => Promise<Module>,
): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    if (!isNotFound(error, name)) throw error;
    throw new MissingPackageError(missingPackageMessage(command, name, io.cwd));
  }
}

/** True when `error` says that `name` itself (not something it imports) cannot be found. */
export function isNotFound(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  return code === "ERR_MODULE_NOT_FOUND" && message.includes(`'${name}'`);
}
