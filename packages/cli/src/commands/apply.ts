// `pipecraft apply`: synthesizes the Kubernetes (or Kaniko) target and server-side applies it to
// the cluster of the kubeconfig, as `kubectl apply --server-side --field-manager pipecraft` would;
// `--diff` prints live against intended, `--prune` keeps an ApplySet kubectl recognizes.
import { emitYaml, type YamlValue } from "@pipecraft/emit";
import type { AppliedObject } from "@pipecraft/runtime/apply";

type KubernetesObject = NonNullable<AppliedObject["live"]>;

import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { loadApplyRuntime } from "../load/optional-package.js";
import { parseLoadTimeout } from "../load/pipeline-code-guard.js";
import { resolveAppFile } from "../load/resolve-app-file.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
import { findTarget, selectionVariables, targetOptionSpec, targetValues } from "../targets.js";
import { UsageError } from "../user-error.js";
import { version } from "../version.js";
import { checkPipelineFile } from "./check-pipeline-file.js";
import { clusterOptions, kubeconfigPath, rateLimitOption } from "./cluster-options.js";

const applyOptions = {
  app: { type: "string" },
  target: { type: "string" },
  timeout: { type: "string" },
  var: { type: "string", multiple: true },
  "force-conflicts": { type: "boolean" },
  "dry-run": { type: "string" },
  diff: { type: "boolean" },
  prune: { type: "boolean" },
  applyset: { type: "string" },
  replace: { type: "boolean" },
  wait: { type: "boolean" },
  ...clusterOptions,
} as const satisfies OptionSpec;

const APPLICABLE = ["kubernetes", "kaniko"];

/** `pipecraft apply`: exit 0 applied (or no diff), 1 refused, invalid, or (--diff) differences, 2 usage. */
export async function apply(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const targetOptions = targetOptionSpec("all");
  const options = parseOptions("apply", args, { ...applyOptions, ...targetOptions });
  const target = findTarget(options.target ?? "kubernetes", "apply");
  if (!APPLICABLE.includes(target.name)) {
    throw new UsageError(
      `--target ${target.name} is not applied to a cluster; use --target kubernetes or kaniko`,
      "apply",
    );
  }
  if (options["dry-run"] !== undefined && options["dry-run"] !== "server") {
    throw new UsageError(`--dry-run must be server, not "${options["dry-run"]}"`, "apply");
  }
  if (options.applyset !== undefined && !options.prune) {
    throw new UsageError("--applyset names the set to prune: add --prune", "apply");
  }
  const values = targetValues(target, targetOptions, options, "apply");
  const timeout = parseLoadTimeout(options.timeout, "apply");
  const variables = selectionVariables(target, options.var, "apply");
  const runtime = await loadApplyRuntime("apply", io);
  const limit = rateLimitOption(
    options,
    runtime.DEFAULT_RATE_LIMIT,
    runtime.rateLimitProblem,
    "apply",
  );
  const app = await resolveAppFile(options.app, io.cwd, "apply");
  const runId = typeof values["run-id"] === "string" ? values["run-id"] : undefined;
  const checked = await checkPipelineFile(
    app,
    io,
    {
      target,
      values,
      sourceFile: app.display,
      shape: "objects",
      ...(variables === undefined ? {} : { selection: { variables, runId } }),
    },
    timeout,
  );
  if (checked === undefined || checked.output.kind === "files") return ExitCode.failure;
  // The objects as synthesized: no YAML written and parsed back.
  const objects =
    checked.output.kind === "objects"
      ? (checked.output.objects as KubernetesObject[])
      : runtime.manifestObjects(checked.output.text);

  try {
    const cluster = runtime.loadKubeConfig(
      kubeconfigPath(options.kubeconfig, io),
      options.context,
      options.burst === undefined ? { ...limit, burst: applyBurst(objects, limit.burst) } : limit,
    );
    const namespace =
      (typeof values.namespace === "string" ? values.namespace : undefined) ??
      objects.find((object) => object.metadata?.namespace !== undefined)?.metadata?.namespace ??
      cluster.namespace ??
      "default";
    const pipelineName = objects[0]?.metadata?.labels?.["pipecraft.dev/pipeline"] ?? "pipeline";
    const dryRun = options.diff || options["dry-run"] === "server";
    const report = await runtime.applyObjects({
      kubeConfig: cluster.kubeConfig,
      objects,
      namespace,
      force: options["force-conflicts"],
      dryRun,
      // A diff shows a changed Job template as the Job --replace would make.
      replace: options.replace || options.diff,
      wait: options.wait,
      ...(options.prune
        ? {
            prune: {
              parent: options.applyset ?? `pipecraft-${pipelineName}`,
              tooling: `pipecraft/v${version()}`,
            },
          }
        : {}),
    });
    if (options.diff) return printDiff(report, io);
    const suffix = dryRun ? " (server dry run)" : "";
    for (const object of report) io.stdout.write(`${object.ref} ${object.action}${suffix}\n`);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof runtime.ClusterError) {
      io.stderr.write(`pipecraft apply: ${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
}

// kubectl diff's output and exit code: a unified diff per changed object, 1 when any differ.
async function printDiff(report: readonly AppliedObject[], io: CliIo): Promise<ExitCode> {
  const { createTwoFilesPatch } = await import("diff");
  let differs = false;
  for (const object of report) {
    const before = object.live === undefined ? "" : yaml(object.live);
    const after =
      object.action === "pruned" || object.applied === undefined ? "" : yaml(object.applied);
    if (before === after) continue;
    differs = true;
    io.stdout.write(
      createTwoFilesPatch(`live/${object.ref}`, `intended/${object.ref}`, before, after, "", "", {
        context: 3,
      }).replace(/^=+\n/, ""),
    );
  }
  return differs ? ExitCode.failure : ExitCode.ok;
}

// Fields that change on every write say nothing about the object.
function yaml(object: KubernetesObject): string {
  const { resourceVersion: _v, generation: _g, ...metadata } = object.metadata ?? {};
  return emitYaml(JSON.parse(JSON.stringify({ ...object, metadata })) as YamlValue);
}

/**
 * The default burst of an apply: enough for every request it sends (one per object, one list per
 * kind, the ApplySet parent's read and write), so that nothing waits on the client side, as with
 * `kubectl apply`, which has no client-side limit in effect (a fresh client per object). Never
 * below the runtime's default; `--burst` wins. A one-shot apply is bounded by its objects and by
 * the requests kept in flight, unlike a run, whose watches and releases go on.
 */
export function applyBurst(objects: readonly KubernetesObject[], defaultBurst: number): number {
  const kinds = new Set(objects.map((object) => `${object.apiVersion}/${object.kind}`)).size;
  return Math.max(defaultBurst, objects.length + kinds + 2);
}
