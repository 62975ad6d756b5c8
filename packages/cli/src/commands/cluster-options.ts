// The options every command that talks to a cluster shares, as kubectl has them: which
// kubeconfig and context, and how fast to talk (client-side rate limiting).
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { RateLimit } from "@pipecraft/runtime";
import type { CliIo } from "../cli-io.js";
import type { OptionSpec } from "../parse-options.js";
import { UsageError } from "../user-error.js";

/** `--kubeconfig`, `--context`, `--qps`, `--burst`. */
export const clusterOptions = {
  kubeconfig: { type: "string" },
  context: { type: "string" },
  qps: { type: "string" },
  burst: { type: "string" },
} as const satisfies OptionSpec;

/** kubectl's choice: --kubeconfig, else the first file of $KUBECONFIG, else ~/.kube/config. */
export function kubeconfigPath(flag: string | undefined, io: CliIo): string {
  if (flag !== undefined) return resolve(io.cwd, flag);
  const fromEnv = (io.env.KUBECONFIG ?? "").split(":").find((path) => path !== "");
  return fromEnv ?? join(io.env.HOME ?? homedir(), ".kube", "config");
}

/** `--qps`/`--burst` over the runtime's defaults; a bad value is a usage error of `command`. */
export function rateLimitOption(
  options: { qps: string | undefined; burst: string | undefined },
  defaults: RateLimit,
  problem: (limit: RateLimit) => string | undefined,
  command: string,
): RateLimit {
  const number = (value: string | undefined, fallback: number) =>
    value === undefined || value.trim() === ""
      ? value === undefined
        ? fallback
        : Number.NaN
      : Number(value);
  const limit = {
    qps: number(options.qps, defaults.qps),
    burst: number(options.burst, defaults.burst),
  };
  const found = problem(limit);
  if (found !== undefined) throw new UsageError(found, command);
  return limit;
}
