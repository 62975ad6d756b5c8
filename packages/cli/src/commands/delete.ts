// `pipecraft delete`: removes runs. Deleting a run's record lets the cluster's garbage collector
// remove everything the run created (its Jobs, Pods and workspace claim).
import { parseDuration } from "@pipecraft/core";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { parseOptions, splitPositionals } from "../parse-options.js";
import { UsageError } from "../user-error.js";
import { connect, reportClusterErrors, runsOptions } from "./cluster-connection.js";

const deleteOptions = {
  ...runsOptions,
  "older-than": { type: "string" },
  finished: { type: "boolean" },
} as const;

/** `pipecraft delete RUN… | --finished | --older-than AGE`: exit 0, 1 or 2. */
export async function deleteRuns(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { positionals, options: rest } = splitPositionals(args, deleteOptions);
  const options = parseOptions("delete", rest, deleteOptions);
  const olderThan = options["older-than"];
  // GitLab's duration words (`7d`, `12h`, `2 days`), as in `expire_in`; in milliseconds.
  const seconds = olderThan === undefined ? undefined : parseDuration(olderThan);
  const age = seconds === undefined ? undefined : seconds * 1000;
  if (olderThan !== undefined && age === undefined) {
    throw new UsageError(
      `--older-than ${olderThan}: expected a number and a unit, such as 7d, 12h, 30m or 90s`,
      "delete",
    );
  }
  if (positionals.length === 0 && age === undefined && !options.finished) {
    throw new UsageError(
      "say which runs to delete: pipecraft delete RUN…, --finished, or --older-than 7d",
      "delete",
    );
  }
  if (positionals.length > 0 && (age !== undefined || options.finished)) {
    throw new UsageError("give run ids or --finished/--older-than, not both", "delete");
  }
  const code = await reportClusterErrors("delete", io, async () => {
    const { runtime, kubeConfig, namespace } = await connect("delete", options, io);
    const { CoreV1Api } = await import("@kubernetes/client-node");
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const now = Date.now();
    const chosen =
      positionals.length > 0
        ? await Promise.all(positionals.map((runId) => runtime.findRun(core, namespace, runId)))
        : (await runtime.listRuns(core, namespace)).filter(
            (run) =>
              (!options.finished || runtime.runEnded(run)) &&
              (age === undefined ||
                (run.started !== undefined && now - run.started.getTime() > age)),
          );
    for (const run of chosen) {
      await runtime.deleteRun(core, run);
      io.stdout.write(`deleted run ${run.runId} of ${run.pipeline} (${run.status})\n`);
    }
    if (chosen.length === 0) io.stderr.write(`no run in namespace "${namespace}" matches\n`);
    return ExitCode.ok;
  });
  return code as ExitCode;
}
