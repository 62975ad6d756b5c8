import { dirname, resolve } from "node:path";
import { synthGitlab } from "@pipecraft/gitlab";
import { checkPipelineFile } from "../check-pipeline-file.js";
import type { CliIo } from "../cli-io.js";
import { displayPath } from "../display-path.js";
import { ExitCode } from "../exit-code.js";
import { fileErrorReason } from "../file-error-reason.js";
import { jobCount } from "../job-count.js";
import { outputTarget } from "../output-target.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
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
} as const satisfies OptionSpec;

/** `pipecraft synth`: writes the pipeline as `.gitlab-ci.yml` (or to stdout, or checks it with `--check`). */
export async function synth(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseOptions("synth", args, synthOptions);
  outputTarget(options.target, "synth");
  if (options.stdout && options.check) {
    throw new UsageError("--stdout and --check cannot be used together", "synth");
  }
  if (options.stdout && options.out !== undefined) {
    throw new UsageError("--stdout and --out cannot be used together", "synth");
  }
  const app = await resolveAppFile(options.app, io.cwd, "synth");
  const pipeline = await checkPipelineFile(app, io);
  if (pipeline === undefined) {
    return ExitCode.failure;
  }

  if (options.stdout) {
    io.stdout.write(synthGitlab(pipeline, { sourceFile: sourceFileLabel(app.path, io.cwd) }));
    return ExitCode.ok;
  }

  const out = resolve(io.cwd, options.out ?? ".gitlab-ci.yml");
  const outDisplay = displayPath(out, io.cwd);
  const yaml = synthGitlab(pipeline, { sourceFile: sourceFileLabel(app.path, dirname(out)) });

  if (options.check) {
    let check: StaleCheck;
    try {
      check = await staleCheck(out, sourceFileLabel(out, io.cwd), yaml);
    } catch (error) {
      io.stderr.write(`pipecraft synth: could not read ${outDisplay}: ${fileErrorReason(error)}\n`);
      return ExitCode.failure;
    }
    if (check.status === "current") {
      io.stderr.write(`${outDisplay} is up to date (${jobCount(pipeline)})\n`);
      return ExitCode.ok;
    }
    // The diff is the result of the check, so it goes to stdout (`> fix.patch`, `| git apply`);
    // the verdict is a message and goes to stderr.
    io.stdout.write(check.diff);
    const rerun = rerunCommand(options.app, options.out);
    io.stderr.write(
      check.status === "missing"
        ? `${outDisplay} does not exist; run "${rerun}" to create it\n`
        : `${outDisplay} is out of date with ${app.display}; run "${rerun}" to update it\n`,
    );
    return ExitCode.failure;
  }

  try {
    await writeFileAtomic(out, yaml);
  } catch (error) {
    io.stderr.write(`pipecraft synth: could not write ${outDisplay}: ${fileErrorReason(error)}\n`);
    return ExitCode.failure;
  }
  io.stderr.write(`wrote ${outDisplay} (${jobCount(pipeline)})\n`);
  return ExitCode.ok;
}

/** The synth command that brings the output up to date, with the same --app and --out. */
function rerunCommand(app: string | undefined, out: string | undefined): string {
  return [
    "pipecraft synth",
    app === undefined ? undefined : `--app ${shellWord(app)}`,
    out === undefined ? undefined : `--out ${shellWord(out)}`,
  ]
    .filter((part) => part !== undefined)
    .join(" ");
}

function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
