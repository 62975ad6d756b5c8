import type { CliIo } from "../cli-io.js";
import type { ExitCode } from "../exit-code.js";
import { UsageError } from "../user-error.js";
import { synth } from "./synth.js";

/**
 * `pipecraft graph`: `pipecraft synth --target graph` under its own name, so that drawing is one
 * more entry of the targets table and not a second implementation.
 */
export async function graph(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const end = args.indexOf("--");
  const options = end === -1 ? args : args.slice(0, end);
  if (options.some((arg) => arg === "--target" || arg.startsWith("--target="))) {
    throw new UsageError("--target is always graph here; use pipecraft synth for others", "graph");
  }
  return synth(["--target", "graph", ...args], io, "graph");
}
