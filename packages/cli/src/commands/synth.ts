import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { checkPipelineFile } from "../check-pipeline-file.js";
import type { CliIo } from "../cli-io.js";
import { displayPath } from "../display-path.js";
import { ExitCode } from "../exit-code.js";
import { fileErrorReason } from "../file-error-reason.js";
import { jobCount } from "../job-count.js";
import {
  checkKubernetesFlags,
  type KubernetesFlags,
  kubernetesOptions,
} from "../kubernetes-options.js";
import { checkManifestDirectory, writeManifestDirectory } from "../manifest-directory.js";
import { defaultOutput, type OutputTarget, outputTarget } from "../output-target.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
import { plural } from "../plural.js";
import { type RenderedOutput, renderTarget } from "../render-target.js";
import { resolveAppFile } from "../resolve-app-file.js";
import { sourceFileLabel } from "../source-file-label.js";
import { type StaleCheck, staleCheck } from "../stale-check.js";
import { UsageError } from "../usage-error.js";
import { writeFileAtomic } from "../write-file-atomic.js";

const synthOptions = {
  app: { type: "string" },
  out: { type: "string" },
  stdout: { type: "boolean" },
  check: { type: "boolean" },
  target: { type: "string" },
  name: { type: "string" },
  namespace: { type: "string" },
  "run-id": { type: "string" },
  strict: { type: "boolean" },
} as const satisfies OptionSpec;

type SynthOptions = ReturnType<typeof parseOptions<typeof synthOptions>>;

/** `pipecraft synth`: writes the pipeline for a target (or to stdout, or checks it with `--check`). */
export async function synth(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseOptions("synth", args, synthOptions);
  const target = outputTarget(options.target, "synth");
  if (options.stdout && options.check) {
    throw new UsageError("--stdout and --check cannot be used together", "synth");
  }
  if (options.stdout && options.out !== undefined) {
    throw new UsageError("--stdout and --out cannot be used together", "synth");
  }
  const flags = kubernetesFlags(options, target);
  const app = await resolveAppFile(options.app, io.cwd, "synth");
  const outArgument = options.out ?? defaultOutput[target];
  const out = resolve(io.cwd, outArgument);
  const shape = options.stdout ? "text" : await outputShape(outArgument, out);
  if (shape === "files" && target === "gitlab") {
    throw new UsageError(
      `--out ${outArgument} is a directory; --target gitlab writes one file`,
      "synth",
    );
  }
  // The header names the pipeline file relative to where the output lives.
  const labelFrom = options.stdout ? io.cwd : shape === "files" ? out : dirname(out);
  const rendered = await checkPipelineFile(app, io, async (pipeline) => {
    const targetOptions = await kubernetesOptions(
      flags,
      pipeline,
      app,
      sourceFileLabel(app.path, labelFrom),
    );
    const result = renderTarget(target, pipeline, shape, targetOptions);
    return {
      output: result.output && {
        output: result.output,
        summary: summary(target, result.output, jobCount(pipeline)),
      },
      diagnostics: result.diagnostics,
    };
  });
  if (rendered === undefined) {
    return ExitCode.failure;
  }
  const { output, summary: counts } = rendered;
  const outDisplay = displayPath(out, io.cwd) + (output.kind === "files" ? "/" : "");
  const rerun = rerunCommand(args);

  if (options.stdout && output.kind === "text") {
    io.stdout.write(output.text);
    return ExitCode.ok;
  }

  if (options.check) {
    return output.kind === "text"
      ? checkFile(io, out, outDisplay, output.text, counts, rerun, app.display)
      : checkDirectory(io, out, outDisplay, output, counts, rerun);
  }

  try {
    if (output.kind === "text") {
      await writeFileAtomic(out, output.text);
    } else {
      const removed = await writeManifestDirectory(out, output.files);
      for (const name of removed)
        io.stderr.write(`removed ${outDisplay}${name} (no longer generated)\n`);
    }
  } catch (error) {
    io.stderr.write(`pipecraft synth: could not write ${outDisplay}: ${fileErrorReason(error)}\n`);
    return ExitCode.failure;
  }
  io.stderr.write(`wrote ${outDisplay} (${counts})\n`);
  return ExitCode.ok;
}

function kubernetesFlags(options: SynthOptions, target: OutputTarget): KubernetesFlags {
  const flags = {
    name: options.name,
    namespace: options.namespace,
    runId: options["run-id"],
    strict: options.strict,
  };
  if (target === "gitlab") {
    const given = (["name", "namespace", "run-id", "strict"] as const).find((flag) =>
      flag === "strict" ? options.strict : options[flag] !== undefined,
    );
    if (given !== undefined) {
      throw new UsageError(`--${given} applies to --target kubernetes and kaniko only`, "synth");
    }
  }
  checkKubernetesFlags(flags, "synth");
  return flags;
}

// `--out k8s/` (or an existing directory) asks for one file per object.
async function outputShape(argument: string, path: string): Promise<"text" | "files"> {
  if (argument.endsWith("/") || argument.endsWith("\\")) return "files";
  const stats = await stat(path).catch(() => undefined);
  return stats?.isDirectory() ? "files" : "text";
}

function summary(target: OutputTarget, output: RenderedOutput, jobs: string): string {
  if (target === "gitlab") return jobs;
  // Every document starts with its apiVersion line; a file may hold none (no image builds).
  const objects =
    output.kind === "files"
      ? output.files.length
      : (output.text.match(/^apiVersion: /gm) ?? []).length;
  return `${jobs}, ${plural(objects, target === "kaniko" ? "build pod" : "object")}`;
}

async function checkFile(
  io: CliIo,
  out: string,
  outDisplay: string,
  text: string,
  counts: string,
  rerun: string,
  appDisplay: string,
): Promise<ExitCode> {
  let check: StaleCheck;
  try {
    check = await staleCheck(out, sourceFileLabel(out, io.cwd), text);
  } catch (error) {
    io.stderr.write(`pipecraft synth: could not read ${outDisplay}: ${fileErrorReason(error)}\n`);
    return ExitCode.failure;
  }
  if (check.status === "current") {
    io.stderr.write(`${outDisplay} is up to date (${counts})\n`);
    return ExitCode.ok;
  }
  // The diff is the result of the check, so it goes to stdout (`> fix.patch`, `| git apply`);
  // the verdict is a message and goes to stderr.
  io.stdout.write(check.diff);
  io.stderr.write(
    check.status === "missing"
      ? `${outDisplay} does not exist; run "${rerun}" to create it\n`
      : `${outDisplay} is out of date with ${appDisplay}; run "${rerun}" to update it\n`,
  );
  return ExitCode.failure;
}

async function checkDirectory(
  io: CliIo,
  out: string,
  outDisplay: string,
  output: Extract<RenderedOutput, { kind: "files" }>,
  counts: string,
  rerun: string,
): Promise<ExitCode> {
  const check = await checkManifestDirectory(out, sourceFileLabel(out, io.cwd), output.files);
  const problems = [
    ...check.missing.map((name) => `${outDisplay}${name} does not exist`),
    ...check.stale.map((name) => `${outDisplay}${name} is out of date`),
    ...check.extra.map((name) => `${outDisplay}${name} is no longer generated`),
  ];
  if (problems.length === 0) {
    io.stderr.write(`${outDisplay} is up to date (${counts})\n`);
    return ExitCode.ok;
  }
  io.stdout.write(check.diff);
  io.stderr.write(`${problems.join("\n")}\nrun "${rerun}" to update ${outDisplay}\n`);
  return ExitCode.failure;
}

/** The synth command that brings the output up to date: the same arguments, without --check. */
function rerunCommand(args: readonly string[]): string {
  return ["pipecraft synth", ...args.filter((arg) => arg !== "--check").map(shellWord)].join(" ");
}

function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
