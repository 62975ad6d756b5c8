// `pipecraft run`: runs the pipeline on a Kubernetes cluster. The runtime (and with it
// @kubernetes/client-node) is imported here, on demand: synth and validate never load it.
import { dirname, join } from "node:path";
import { validatePipeline } from "@pipecraft/core";
import { dnsLabel } from "@pipecraft/kubernetes";
import type { RunEvent } from "@pipecraft/runtime";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { readGitPipeline } from "../load/git-variables.js";
import { loadPipelineFile } from "../load/load-pipeline-file.js";
import { loadRuntime } from "../load/optional-package.js";
import { nearestPackageName } from "../load/package-name.js";
import { resolveAppFile } from "../load/resolve-app-file.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
import { UsageError } from "../user-error.js";
import { reportDiagnostics } from "./check-pipeline-file.js";
import { clusterOptions, kubeconfigPath, rateLimitOption } from "./cluster-options.js";
import { NAMESPACE_NAME } from "./namespace-name.js";

const runOptions = {
  app: { type: "string" },
  namespace: { type: "string" },
  "run-id": { type: "string" },
  output: { type: "string" },
  "all-manual": { type: "boolean" },
  ...clusterOptions,
} as const satisfies OptionSpec;

/** Options that may be given more than once. */
const REPEATED = ["var", "manual"] as const;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `pipecraft run`: runs the pipeline on the cluster of the kubeconfig; exit 0, 1, 2 or 130. */
export async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { rest, repeated } = takeRepeated(args);
  const options = parseOptions("run", rest, runOptions);
  const output = options.output ?? "text";
  if (output !== "text" && output !== "json") {
    throw new UsageError(`--output must be text or json, not "${output}"`, "run");
  }
  if (options.namespace !== undefined && !NAMESPACE_NAME.test(options.namespace)) {
    throw new UsageError(`--namespace ${options.namespace} is not a namespace name`, "run");
  }
  const variables = parseVariables(repeated.var);
  const runtime = await loadRuntime("run", io);
  if (options["run-id"] !== undefined) {
    const problem = runtime.runIdProblem(options["run-id"]);
    if (problem !== undefined) throw new UsageError(`--run-id ${problem}`, "run");
  }
  const limit = rateLimitOption(
    options,
    runtime.DEFAULT_RATE_LIMIT,
    runtime.rateLimitProblem,
    "run",
  );
  const app = await resolveAppFile(options.app, io.cwd, "run");

  const debug = (io.env.PIPECRAFT_DEBUG ?? "") !== "";
  const definition = await loadPipelineFile(app, io.cwd, debug);
  const { pipeline, diagnostics } = validatePipeline(definition);
  if (pipeline === undefined) {
    await reportDiagnostics(diagnostics, app, io.stderr);
    return ExitCode.failure;
  }

  let cluster: ReturnType<typeof runtime.loadKubeConfig>;
  try {
    cluster = runtime.loadKubeConfig(
      kubeconfigPath(options.kubeconfig, io),
      options.context,
      limit,
    );
  } catch (error) {
    if (error instanceof runtime.ClusterError) {
      io.stderr.write(`pipecraft run: ${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
  const namespace =
    options.namespace ?? pipeline.kubernetes?.namespace ?? cluster.namespace ?? "default";
  const packageName = await nearestPackageName(dirname(app.path));
  const name =
    pipeline.kubernetes?.name ??
    (packageName === undefined
      ? undefined
      : dnsLabel(packageName).slice(0, 40).replace(/-+$/, "")) ??
    "pipeline";
  const runId = options["run-id"] ?? runtime.newRunId(Date.now(), Math.random);
  // Outside a git repository the plan counts the run as a push to the default branch.
  const git = await readGitPipeline(dirname(app.path), io.env);
  const planned = runtime.planRun(pipeline, {
    name: name === "" ? "pipeline" : name,
    namespace,
    runId,
    variables,
    predefined: { CI_PIPELINE_SOURCE: "push", ...("predefined" in git ? git.predefined : {}) },
    play: repeated.manual,
    playAll: options["all-manual"] === true,
  });
  await reportDiagnostics([...diagnostics, ...planned.diagnostics], app, io.stderr);
  if (planned.unknownManual.length > 0) {
    throw new UsageError(planned.unknownManual.join("\n"), "run");
  }
  if (planned.plan === undefined || planned.objects === undefined) {
    for (const problem of planned.problems) io.stderr.write(`pipecraft run: ${problem}\n`);
    return ExitCode.failure;
  }

  const controller = new AbortController();
  const unsubscribe = io.onInterrupt?.(() => controller.abort());
  const plan = planned.plan;
  const write = (event: RunEvent) => {
    if (output === "json") io.stdout.write(`${JSON.stringify(event)}\n`);
    else for (const line of runtime.textLines(event, plan.pipeline)) io.stdout.write(`${line}\n`);
  };
  try {
    const result = await runtime.runPipeline({
      kubeConfig: cluster.kubeConfig,
      plan,
      objects: planned.objects,
      onEvent: write,
      logDirectory: join(io.cwd, ".pipecraft", "runs", runId),
      signal: controller.signal,
    });
    switch (result.status) {
      case "success":
        return ExitCode.ok;
      case "canceled":
        return ExitCode.canceled;
      default:
        return ExitCode.failure;
    }
  } catch (error) {
    if (error instanceof runtime.ClusterError) {
      io.stderr.write(`pipecraft run: ${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  } finally {
    unsubscribe?.();
  }
}

// `--var A=1 --var B=2`, `--manual x --manual y`: parseOptions takes each option once, so the
// repeatable ones are taken out first (`--var=A=1` works too).
function takeRepeated(args: readonly string[]): {
  rest: string[];
  repeated: Record<(typeof REPEATED)[number], string[]>;
} {
  const repeated: Record<(typeof REPEATED)[number], string[]> = { var: [], manual: [] };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      rest.push(...args.slice(i));
      break;
    }
    const option = REPEATED.find((name) => arg === `--${name}` || arg.startsWith(`--${name}=`));
    if (option === undefined) {
      rest.push(arg);
      continue;
    }
    const inline = arg.startsWith(`--${option}=`) ? arg.slice(option.length + 3) : undefined;
    const value = inline ?? args[i + 1];
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("-"))) {
      throw new UsageError(`option --${option} needs a value`, "run");
    }
    if (inline === undefined) i++;
    repeated[option].push(value);
  }
  return { rest, repeated };
}

function parseVariables(values: readonly string[]): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    const name = equals === -1 ? value : value.slice(0, equals);
    if (equals === -1 || !VARIABLE_NAME.test(name)) {
      throw new UsageError(
        `--var ${value}: expected NAME=VALUE with NAME made of letters, digits and _`,
        "run",
      );
    }
    variables[name] = value.slice(equals + 1);
  }
  return variables;
}
