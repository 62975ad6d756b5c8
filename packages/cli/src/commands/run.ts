// `pipecraft run`: runs the pipeline on a Kubernetes cluster. The runtime (and with it
// @kubernetes/client-node) is imported here, on demand: synth and validate never load it.
import { stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { didYouMean, validatePipeline } from "@pipecraft/core";
import { dnsLabel } from "@pipecraft/kubernetes";
import type { RunObjects } from "@pipecraft/runtime";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { readGitPipeline } from "../load/git-variables.js";
import { loadPipelineFile } from "../load/load-pipeline-file.js";
import { loadRuntime } from "../load/optional-package.js";
import { nearestPackageName } from "../load/package-name.js";
import { resolveAppFile } from "../load/resolve-app-file.js";
import { readWorkingTree } from "../load/working-tree.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
import { UsageError } from "../user-error.js";
import { reportDiagnostics } from "./check-pipeline-file.js";
import { clusterOptions, kubeconfigPath, rateLimitOption } from "./cluster-options.js";
import { NAMESPACE_NAME } from "./namespace-name.js";
import { artifactPaths } from "./run-artifacts.js";
import { attachRun } from "./run-attach.js";
import { colourWanted, runExitCode, runReporter, sourcesFailureLine } from "./run-output.js";

const runOptions = {
  app: { type: "string" },
  namespace: { type: "string" },
  "run-id": { type: "string" },
  output: { type: "string" },
  "all-manual": { type: "boolean" },
  source: { type: "string" },
  "git-image": { type: "string" },
  "git-credentials": { type: "string" },
  artifacts: { type: "string" },
  "helper-image": { type: "string" },
  "service-logs": { type: "boolean" },
  attach: { type: "string" },
  ...clusterOptions,
} as const satisfies OptionSpec;

/** Options that may be given more than once. */
const REPEATED = ["var", "manual"] as const;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `--source` values; without the option a run's sources are `none`. */
const SOURCES = ["local", "git", "none"] as const;

// A Secret's name: a DNS subdomain.
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

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
  const sourceKind = sourceOption(options.source);
  for (const option of ["git-image", "git-credentials"] as const) {
    const value = options[option];
    if (value === undefined) continue;
    if (sourceKind !== "git" && options.attach === undefined) {
      throw new UsageError(`--${option} applies to --source git only`, "run");
    }
  }
  const credentials = options["git-credentials"];
  if (credentials !== undefined && (credentials.length > 253 || !SECRET_NAME.test(credentials))) {
    throw new UsageError(
      `--git-credentials ${credentials} is not a Secret name (lower-case letters, digits, - and .)`,
      "run",
    );
  }
  if (options["helper-image"] === "") {
    throw new UsageError("--helper-image needs an image name", "run");
  }
  const attach = options.attach;
  if (attach !== undefined) {
    const planning = [
      ...(options.app === undefined ? [] : ["--app"]),
      ...(options["run-id"] === undefined ? [] : ["--run-id"]),
      ...(repeated.var.length === 0 ? [] : ["--var"]),
      ...(repeated.manual.length === 0 ? [] : ["--manual"]),
      ...(options["all-manual"] === true ? ["--all-manual"] : []),
      // The sources were uploaded by the client that started the run; copying artifacts back is
      // that client's step too, not built for an attached one.
      ...(options.source === undefined ? [] : ["--source"]),
      ...(options["git-image"] === undefined ? [] : ["--git-image"]),
      ...(options["git-credentials"] === undefined ? [] : ["--git-credentials"]),
      ...(options.artifacts === undefined ? [] : ["--artifacts"]),
    ];
    if (planning.length > 0) {
      throw new UsageError(
        `--attach ${attach} follows a run that is already planned; leave out ${planning.join(", ")}`,
        "run",
      );
    }
  }
  const artifactsDirectory =
    options.artifacts === undefined ? undefined : await artifactsDirectoryOf(options.artifacts, io);
  const runtime = await loadRuntime("run", io);
  if (attach !== undefined) {
    return attachRun(
      attach,
      { ...options, serviceLogs: options["service-logs"] === true, output },
      io,
    );
  }
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
  const source =
    sourceKind === "local" ? await readWorkingTree(dirname(app.path), io.env) : undefined;

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
    sources:
      sourceKind === "git"
        ? {
            kind: "git",
            ...(options["git-image"] === undefined ? {} : { image: options["git-image"] }),
            ...(credentials === undefined ? {} : { credentialsSecret: credentials }),
          }
        : { kind: sourceKind },
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
  const services = options["service-logs"] === true;
  const style = runtime.logStyle(
    [...plan.jobs.map((job) => job.name), ...(services ? serviceLogNames(planned.objects) : [])],
    colourWanted(io),
  );
  const reporter = runReporter(runtime, io, plan, output, style);
  try {
    const result = await runtime.runPipeline({
      kubeConfig: cluster.kubeConfig,
      plan,
      objects: planned.objects,
      onEvent: (event) => reporter.write(event),
      logDirectory: join(io.cwd, ".pipecraft", "runs", runId),
      signal: controller.signal,
      ...(source === undefined ? {} : { source }),
      ...(artifactsDirectory === undefined
        ? {}
        : {
            artifacts: {
              directory: artifactsDirectory,
              paths: artifactPaths(pipeline, plan.jobs),
            },
          }),
      ...(options["helper-image"] === undefined ? {} : { helperImage: options["helper-image"] }),
      followLogs: { services },
    });
    const failure = sourcesFailureLine(plan, result.jobs);
    if (failure !== undefined) io.stderr.write(failure);
    // The run failed before any job started (the sources could not be uploaded).
    if (result.reason !== undefined) io.stderr.write(`pipecraft run: ${result.reason}\n`);
    return runExitCode(result.status);
  } catch (error) {
    if (error instanceof runtime.ClusterError) {
      io.stderr.write(`pipecraft run: ${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  } finally {
    reporter.stop();
    unsubscribe?.();
  }
}

// The prefixes of the services' log lines (`job/service`): the sidecars of each Job's Pod.
function serviceLogNames(objects: RunObjects): string[] {
  return [...objects.jobs].flatMap(([job, body]) =>
    (body.spec?.template.spec?.initContainers ?? [])
      .filter((container) => container.restartPolicy === "Always")
      .map((container) => `${job}/${container.name}`),
  );
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

// --artifacts DIR: relative to the working directory; a file there is a usage error.
async function artifactsDirectoryOf(value: string, io: CliIo): Promise<string> {
  if (value === "") throw new UsageError("--artifacts needs a directory", "run");
  const directory = resolve(io.cwd, value);
  const found = await stat(directory).catch(() => undefined);
  if (found !== undefined && !found.isDirectory()) {
    throw new UsageError(`--artifacts ${value} is a file, not a directory`, "run");
  }
  return directory;
}

// `--source local|git|none`; absent: none (the workspace starts empty, as the first line says).
function sourceOption(value: string | undefined): (typeof SOURCES)[number] {
  if (value === undefined) return "none";
  const known = SOURCES.find((source) => source === value);
  if (known !== undefined) return known;
  throw new UsageError(
    `--source must be one of ${SOURCES.join(", ")}, not "${value}"${didYouMean(value, SOURCES)}`,
    "run",
  );
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
