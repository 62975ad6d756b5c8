import { stat } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import type { Target } from "@pipecraft/core";
import type { GeneratedFrom } from "@pipecraft/emit";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { parseLoadTimeout } from "../load/pipeline-code-guard.js";
import { displayPath, resolveAppFile } from "../load/resolve-app-file.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
import {
  findTarget,
  selectionVariables,
  targetOptionSpec,
  targets,
  targetValues,
} from "../targets.js";
import { UsageError } from "../user-error.js";
import { watchFiles } from "../watch/watch-files.js";
import { fileErrorReason } from "../write/file-error-reason.js";
import { isForeignFile, overwriteRefusal } from "../write/foreign-file.js";
import { checkManifestDirectory, writeManifestDirectory } from "../write/manifest-directory.js";
import { type StaleCheck, staleCheck } from "../write/stale-check.js";
import { writeErrorFix } from "../write/write-error-fix.js";
import { writeFileAtomic } from "../write/write-file-atomic.js";
import { checkPipelineFile, plural, type TargetOutput } from "./check-pipeline-file.js";

const synthOptions = {
  app: { type: "string" },
  out: { type: "string" },
  stdout: { type: "boolean" },
  check: { type: "boolean" },
  force: { type: "boolean" },
  "allow-empty": { type: "boolean" },
  target: { type: "string" },
  timeout: { type: "string" },
  var: { type: "string", multiple: true },
  watch: { type: "boolean" },
} as const satisfies OptionSpec;

/**
 * `pipecraft synth`: writes the pipeline for a target (or to stdout, or checks it with `--check`);
 * usage errors name `command` (`pipecraft graph` runs it too).
 */
export async function synth(
  args: readonly string[],
  io: CliIo,
  command: "synth" | "graph" = "synth",
): Promise<ExitCode> {
  const targetOptions = targetOptionSpec("all");
  const options = parseOptions(command, args, { ...synthOptions, ...targetOptions });
  const target = findTarget(options.target, command);
  // `--out -` is stdout, as `-` is in most tools; never a file named "-".
  if (options.out === "-") {
    if (options.stdout)
      throw new UsageError("--stdout and --out - cannot be used together", command);
    if (options.check)
      throw new UsageError("--check needs a file to compare; --out - is stdout", command);
    options.stdout = true;
    options.out = undefined;
  }
  if (options.stdout && options.check) {
    throw new UsageError("--stdout and --check cannot be used together", command);
  }
  if (options.stdout && options.out !== undefined) {
    throw new UsageError("--stdout and --out cannot be used together", command);
  }
  if (options.watch && (options.stdout || options.check)) {
    throw new UsageError(
      `--watch and --${options.stdout ? "stdout" : "check"} cannot be used together`,
      command,
    );
  }
  if (options.force && (options.stdout || options.check)) {
    throw new UsageError(
      `--force and --${options.stdout ? "stdout" : "check"} cannot be used together`,
      command,
    );
  }
  if (options["allow-empty"] && target.documents?.empty === undefined) {
    const takers = targets.filter((other) => other.documents?.empty !== undefined);
    throw new UsageError(
      `--allow-empty applies to --target ${takers.map((taker) => taker.name).join(", ")} only`,
      command,
    );
  }
  const values = targetValues(target, targetOptions, options, command);
  const timeout = parseLoadTimeout(options.timeout, command);
  const variables = selectionVariables(target, options.var, command);
  const app = await resolveAppFile(options.app, io.cwd, command);
  const outArgument = options.out ?? target.defaultOutput;
  const out = resolve(io.cwd, outArgument);
  const shape = options.stdout ? "text" : await outputShape(outArgument, out);
  if (shape === "files" && target.synthFiles === undefined) {
    throw new UsageError(
      `--out ${outArgument} is a directory; --target ${target.name} writes one file`,
      command,
    );
  }
  // The header names the pipeline file relative to where the output lives.
  const labelFrom = options.stdout ? io.cwd : shape === "files" ? out : dirname(out);
  const sourceFile = sourceFileLabel(app.path, labelFrom);
  const runId = typeof values["run-id"] === "string" ? values["run-id"] : undefined;
  if (options.watch) {
    return watchFiles(io, app.display, (files) => once(files));
  }
  return once(undefined);

  /** One synth; with `files` (--watch), the local files loaded are collected there and the time is told. */
  async function once(files: Set<string> | undefined): Promise<ExitCode> {
    // Read only under --watch: the global `performance` loads perf_hooks (ms of every start).
    const started = files === undefined ? 0 : performance.now();
    const checked = await checkPipelineFile(
      app,
      io,
      {
        target,
        values,
        sourceFile,
        shape,
        ...(variables === undefined ? {} : { selection: { variables, runId } }),
      },
      timeout,
      files,
    );
    if (checked === undefined) {
      return ExitCode.failure;
    }
    const { output } = checked;
    const counts = summary(target, output, checked.jobs);
    const outDisplay = displayPath(out, io.cwd) + (output.kind === "files" ? "/" : "");
    const empty = target.documents?.empty;
    if (
      empty !== undefined &&
      options["allow-empty"] !== true &&
      documentCount(target, output) === 0
    ) {
      io.stderr.write(
        `pipecraft synth: ${app.display}: ${empty}; pass --allow-empty to write ${options.stdout ? "an output" : outDisplay} without any\n`,
      );
      return ExitCode.failure;
    }
    const rerun = rerunCommand(args);

    if (options.stdout && output.kind === "text") {
      io.stdout.write(output.text);
      return ExitCode.ok;
    }

    if (options.check) {
      return output.kind === "text"
        ? checkFile(io, out, outDisplay, output.text, counts, rerun, app.display)
        : checkDirectory(
            io,
            out,
            outDisplay,
            { sourceFile, target: target.name },
            output,
            counts,
            rerun,
          );
    }

    // Checked once the pipeline is valid, so that its own problems are reported first.
    if (output.kind === "text" && options.force !== true && (await isForeignFile(out))) {
      io.stderr.write(`pipecraft synth: ${overwriteRefusal(outDisplay, target.name)}\n`);
      return ExitCode.failure;
    }
    try {
      if (output.kind === "text") {
        await writeFileAtomic(out, output.text);
      } else {
        const from = { sourceFile, target: target.name };
        const { removed, skipped } = await writeManifestDirectory(out, from, output.files, {
          force: options.force === true,
        });
        for (const name of skipped)
          io.stderr.write(`warning: skipped ${outDisplay}${name}: not a regular file\n`);
        for (const name of removed)
          io.stderr.write(`removed ${outDisplay}${name} (no longer generated)\n`);
      }
    } catch (error) {
      io.stderr.write(
        `pipecraft synth: could not write ${outDisplay}: ${fileErrorReason(error)}${writeErrorFix(error)}\n`,
      );
      return ExitCode.failure;
    }
    const elapsed = files === undefined ? "" : ` in ${Math.round(performance.now() - started)} ms`;
    io.stderr.write(`wrote ${outDisplay} (${counts})${elapsed}\n`);
    return ExitCode.ok;
  }
}

// `--out k8s/` (or an existing directory) asks for one file per object.
async function outputShape(argument: string, path: string): Promise<"text" | "files"> {
  if (argument.endsWith("/") || argument.endsWith("\\")) return "files";
  const stats = await stat(path).catch(() => undefined);
  return stats?.isDirectory() ? "files" : "text";
}

/**
 * How a generated file names another file: relative to the directory it lives in, with `/`
 * separators, so the same checkout gives the same bytes on every machine.
 */
function sourceFileLabel(path: string, fromDirectory: string): string {
  return relative(fromDirectory, path).split(sep).join("/");
}

/** `12 jobs`, and after it what the target wrote, e.g. `12 jobs, 13 objects`. */
function summary(target: Target, output: TargetOutput, jobs: string): string {
  if (target.documents === undefined) return jobs;
  return `${jobs}, ${plural(documentCount(target, output), target.documents.noun)}`;
}

/** How many documents (objects, pods) the output holds; 0 for a target that does not count them. */
function documentCount(target: Target, output: TargetOutput): number {
  if (target.documents === undefined) return 0;
  return output.kind === "files" ? output.files.length : target.documents.count(output.text);
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
  from: GeneratedFrom,
  output: Extract<TargetOutput, { kind: "files" }>,
  counts: string,
  rerun: string,
): Promise<ExitCode> {
  let check: Awaited<ReturnType<typeof checkManifestDirectory>>;
  try {
    check = await checkManifestDirectory(out, from, sourceFileLabel(out, io.cwd), output.files);
  } catch (error) {
    io.stderr.write(`pipecraft synth: could not read ${outDisplay}: ${fileErrorReason(error)}\n`);
    return ExitCode.failure;
  }
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
