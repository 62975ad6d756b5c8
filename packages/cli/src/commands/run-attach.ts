// `pipecraft run --attach RUN`: follows a run started by another client — one that died, or one
// still running elsewhere — to its end, and exits with its exit code. Whether this client then
// schedules the run or only watches it is the runtime's choice (attach-run.ts: the run's owner
// Lease).
import { join } from "node:path";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { connect, reportClusterErrors } from "./cluster-connection.js";
import { colourWanted, runExitCode, runReporter, sourcesFailureLine } from "./run-output.js";

/** The options `--attach` reads. */
export type AttachRunOptions = {
  namespace: string | undefined;
  kubeconfig: string | undefined;
  context: string | undefined;
  qps: string | undefined;
  burst: string | undefined;
  serviceLogs: boolean;
  output: "text" | "json";
};

/** Attaches to run `runId`; exit 0, 1, or 130 (canceled, or let go of with Ctrl-C). */
export async function attachRun(
  runId: string,
  options: AttachRunOptions,
  io: CliIo,
): Promise<ExitCode> {
  const code = await reportClusterErrors("run", io, async () => {
    const { runtime, kubeConfig, namespace } = await connect("run", options, io);
    const { CoreV1Api } = await import("@kubernetes/client-node");
    const run = await runtime.findRun(kubeConfig.makeApiClient(CoreV1Api), namespace, runId);
    const plan = run.plan;
    if (plan === undefined) {
      throw new runtime.ClusterError(
        `run ${runId}'s record configmap/${run.record} has no readable plan; it cannot be attached to`,
      );
    }
    const style = runtime.logStyle(
      plan.jobs.map((job) => job.name),
      colourWanted(io),
    );
    const reporter = runReporter(runtime, io, plan, options.output, style);
    const controller = new AbortController();
    const unsubscribe = io.onInterrupt?.(() => controller.abort());
    try {
      const result = await runtime.attachPipeline({
        kubeConfig,
        run,
        onEvent: (event) => reporter.write(event),
        logDirectory: join(io.cwd, ".pipecraft", "runs", runId),
        signal: controller.signal,
        followLogs: { services: options.serviceLogs },
      });
      if (result.status === "running") {
        io.stderr.write(
          `pipecraft run: let go of run ${runId}; it goes on, scheduled by another client (pipecraft run --attach ${runId} to follow it again)\n`,
        );
        return ExitCode.canceled;
      }
      const failure = sourcesFailureLine(plan, result.jobs);
      if (failure !== undefined) io.stderr.write(failure);
      return runExitCode(result.status);
    } finally {
      reporter.stop();
      unsubscribe?.();
    }
  });
  return code as ExitCode;
}
