import type { CliIo } from "./cli-io.js";
import { ExitCode } from "./exit-code.js";
import { MissingPackageError } from "./load/optional-package.js";
import { parseOptions } from "./parse-options.js";
import { type CommandName, commandNames, isCommandName, usage } from "./usage.js";
import { type Misspelling, PipelineFileError, UsageError } from "./user-error.js";
import { version } from "./version.js";

/**
 * Runs `pipecraft` with the arguments after the program name and returns the exit code. All
 * input and output goes through `io`, so tests run it in-process; only bin/pipecraft.js touches
 * the real process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const program = error.command === undefined ? "pipecraft" : `pipecraft ${error.command}`;
      const hint = await misspellingHint(error.misspelling);
      io.stderr.write(`${program}: ${error.message}${hint}\nRun "${program} --help" for usage.\n`);
      return ExitCode.usage;
    }
    if (error instanceof PipelineFileError || error instanceof MissingPackageError) {
      io.stderr.write(`${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(usage());
    return ExitCode.usage;
  }
  if (first === "help") {
    return help(rest, io);
  }
  if (!first.startsWith("-")) {
    if (!isCommandName(first)) {
      throw new UsageError(`unknown command "${first}"`, undefined, {
        name: first,
        candidates: commandNames,
      });
    }
    if (wantsHelp(rest)) {
      io.stdout.write(usage(first));
      return ExitCode.ok;
    }
    return runCommand(first, rest, io);
  }
  const options = parseOptions(undefined, argv, {
    help: { type: "boolean", short: "h" },
    version: { type: "boolean" },
  });
  if (options.version) {
    io.stdout.write(`${version()}\n`);
    return ExitCode.ok;
  }
  io.stdout.write(usage());
  return ExitCode.ok;
}

async function runCommand(
  command: CommandName,
  args: readonly string[],
  io: CliIo,
): Promise<ExitCode> {
  // Commands are imported on demand: they pull in the validator and the targets, which
  // `--help`, `--version` and usage errors do not need.
  switch (command) {
    case "synth":
      return (await import("./commands/synth.js")).synth(args, io);
    case "validate":
      return (await import("./commands/validate.js")).validate(args, io);
    case "run":
      return (await import("./commands/run.js")).run(args, io);
    case "check":
      return (await import("./commands/check.js")).check(args, io);
    case "apply":
      return (await import("./commands/apply.js")).apply(args, io);
    case "rbac":
      return (await import("./commands/rbac.js")).rbac(args, io);
    case "runs":
      return (await import("./commands/runs.js")).runs(args, io);
    case "cancel":
      return (await import("./commands/cancel.js")).cancel(args, io);
    case "delete":
      return (await import("./commands/delete.js")).deleteRuns(args, io);
    case "logs":
      return (await import("./commands/logs.js")).logs(args, io);
    case "graph":
      return (await import("./commands/graph.js")).graph(args, io);
    case "init":
      return (await import("./commands/init.js")).init(args, io);
    case "import":
      return (await import("./commands/import.js")).importCommand(args, io);
  }
}

// Core (the schemas, zod) is loaded only for a hint: `--help`, `--version` and a command line
// without typos never load it.
async function misspellingHint(misspelling: Misspelling | undefined): Promise<string> {
  if (misspelling === undefined) return "";
  const { didYouMean } = await import("@pipecraft/core");
  return didYouMean(misspelling.name, misspelling.candidates);
}

/** `pipecraft help [command]`. */
function help(args: readonly string[], io: CliIo): ExitCode {
  const [command, ...extra] = args;
  if (extra.length > 0) {
    throw new UsageError(`unexpected argument "${extra[0]}"`, undefined);
  }
  if (command !== undefined && !isCommandName(command)) {
    throw new UsageError(`unknown command "${command}"`, undefined);
  }
  io.stdout.write(usage(command));
  return ExitCode.ok;
}

/** True when `-h`/`--help` appears among a command's options (before any `--`): help wins over other mistakes. */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}
