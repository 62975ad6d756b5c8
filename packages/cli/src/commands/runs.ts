// `pipecraft runs`: the runs recorded in a namespace, one line each.
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { parseOptions } from "../parse-options.js";
import { connect, reportClusterErrors, runsOptions } from "./cluster-connection.js";
import { formatDuration } from "./run-table.js";

/** `pipecraft runs [--namespace NS]`: exit 0, 1 (cluster error) or 2. */
export async function runs(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseOptions("runs", args, { ...runsOptions, output: { type: "string" } });
  const output = options.output ?? "text";
  if (output !== "text" && output !== "json") {
    const { UsageError } = await import("../user-error.js");
    throw new UsageError(`--output must be text or json, not "${output}"`, "runs");
  }
  const code = await reportClusterErrors("runs", io, async () => {
    const { runtime, kubeConfig, namespace } = await connect("runs", options, io);
    const { CoreV1Api } = await import("@kubernetes/client-node");
    const found = await runtime.listRuns(kubeConfig.makeApiClient(CoreV1Api), namespace);
    if (output === "json") {
      for (const run of found) {
        io.stdout.write(
          `${JSON.stringify({
            runId: run.runId,
            pipeline: run.pipeline,
            namespace: run.namespace,
            record: run.record,
            status: run.status,
            started: run.started?.toISOString(),
            updated: run.updated?.toISOString(),
          })}\n`,
        );
      }
      return ExitCode.ok;
    }
    if (found.length === 0) {
      io.stderr.write(`no runs in namespace "${namespace}"\n`);
      return ExitCode.ok;
    }
    const rows = found.map((run) => [
      run.runId,
      run.pipeline,
      run.status,
      run.started?.toISOString().replace(/\.\d+Z$/, "Z") ?? "-",
      run.started !== undefined && run.updated !== undefined && run.status !== "running"
        ? formatDuration(run.updated.getTime() - run.started.getTime())
        : "-",
    ]);
    const table = runtime.textTable(["RUN", "PIPELINE", "STATUS", "STARTED", "DURATION"], rows);
    io.stdout.write(`${table.join("\n")}\n`);
    return ExitCode.ok;
  });
  return code as ExitCode;
}
