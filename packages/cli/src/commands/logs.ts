// `pipecraft logs JOB`: a job's log, from the file the run wrote (.pipecraft/runs/<run>/), else
// from the cluster; `-f` follows a running job.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { loadRuntime } from "../load/optional-package.js";
import { parseOptions, splitPositionals } from "../parse-options.js";
import { UsageError } from "../user-error.js";
import { connect, reportClusterErrors, runsOptions } from "./cluster-connection.js";

const logsOptions = {
  ...runsOptions,
  run: { type: "string" },
  follow: { type: "boolean", short: "f" },
} as const;

/** `pipecraft logs JOB [--run ID] [-f]`: exit 0, 1 or 2. */
export async function logs(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { positionals, options: rest } = splitPositionals(args, logsOptions);
  const options = parseOptions("logs", rest, logsOptions);
  const [job, extra] = positionals;
  if (job === undefined) {
    throw new UsageError("name the job: pipecraft logs JOB [--run ID]", "logs");
  }
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`, "logs");
  const runsDirectory = join(io.cwd, ".pipecraft", "runs");
  const runId = options.run ?? (await latestLocalRun(runsDirectory));
  if (runId === undefined) {
    throw new UsageError(
      `no run in ${join(".pipecraft", "runs")} here: give the run with --run ID (see pipecraft runs)`,
      "logs",
    );
  }
  if (!options.follow) {
    const { logFileName } = await loadRuntime("logs", io);
    const saved = await readFile(join(runsDirectory, runId, logFileName(job)), "utf8").catch(
      () => undefined,
    );
    if (saved !== undefined) {
      io.stdout.write(saved);
      return ExitCode.ok;
    }
  }
  const code = await reportClusterErrors("logs", io, async () => {
    const { runtime, kubeConfig, namespace } = await connect("logs", options, io);
    const { CoreV1Api } = await import("@kubernetes/client-node");
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const run = await runtime.findRun(core, namespace, runId);
    await runtime.writeJobLog(kubeConfig, core, run, job, io.stdout, options.follow);
    return ExitCode.ok;
  });
  return code as ExitCode;
}

// Run ids sort by time, so the last folder is the latest run made from this directory.
async function latestLocalRun(directory: string): Promise<string | undefined> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .at(-1);
}
