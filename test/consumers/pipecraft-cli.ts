import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../support/shared.js";
import { type ProcessResult, runProcess } from "./run-process.js";

/** The built `pipecraft` binary, exactly as users run it. */
export const pipecraftBin: string = join(repoRoot, "packages", "cli", "bin", "pipecraft.js");

/** Runs the built `pipecraft` CLI in `cwd`; throws when the CLI has not been built (`pnpm build`). */
export function runPipecraft(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ProcessResult> {
  if (!existsSync(join(repoRoot, "packages", "cli", "dist", "main.js"))) {
    throw new Error("packages/cli/dist is missing: run `pnpm build` before these tests");
  }
  // PIPECRAFT_DEBUG would append stacks to the messages the tests compare.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete childEnv.PIPECRAFT_DEBUG;
  Object.assign(childEnv, env);
  return runProcess(process.execPath, [pipecraftBin, ...args], { cwd, env: childEnv });
}
