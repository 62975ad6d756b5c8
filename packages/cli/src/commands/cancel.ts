// `pipecraft cancel RUN`: cancels a run from any terminal, whether or not its client is alive.
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { parseOptions, splitPositionals } from "../parse-options.js";
import { UsageError } from "../user-error.js";
import { connect, reportClusterErrors, runsOptions } from "./cluster-connection.js";

/** `pipecraft cancel RUN [--namespace NS]`: exit 0, 1 or 2. */
export async function cancel(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { positionals, options: rest } = splitPositionals(args, runsOptions);
  const options = parseOptions("cancel", rest, runsOptions);
  const [runId, extra] = positionals;
  if (runId === undefined) {
    throw new UsageError(
      "name the run to cancel: pipecraft cancel RUN (see pipecraft runs)",
      "cancel",
    );
  }
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`, "cancel");
  const code = await reportClusterErrors("cancel", io, async () => {
    const { runtime, kubeConfig, namespace } = await connect("cancel", options, io);
    const { BatchV1Api, CoreV1Api } = await import("@kubernetes/client-node");
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const run = await runtime.findRun(core, namespace, runId);
    const result = await runtime.cancelRun(
      core,
      kubeConfig.makeApiClient(BatchV1Api),
      run,
      new Date(),
    );
    if (result.kind === "ended") {
      io.stderr.write(
        `run ${runId} of ${run.pipeline} has already ended (${result.status}); nothing to cancel\n`,
      );
      return ExitCode.ok;
    }
    const jobs = result.deletedJobs.length;
    io.stdout.write(
      `canceled run ${runId} of ${run.pipeline}: ${jobs} unfinished job${jobs === 1 ? "" : "s"} deleted, record ${run.record} marked canceled\n`,
    );
    return ExitCode.ok;
  });
  return code as ExitCode;
}
