/** The names of the commands `pipecraft` knows, in the order the usage text lists them. */
export const commandNames = ["synth", "validate"] as const;

export type CommandName = (typeof commandNames)[number];

const exitCodes = `Exit codes:
  0  success (written, valid, or up to date)
  1  invalid pipeline, error while loading the pipeline file, --check found the
     output missing or out of date, or the output could not be written
  2  bad usage: unknown command or option, missing option value, conflicting
     options, unavailable --target, or no such pipeline file (--app)`;

const globalUsage = `pipecraft — CI pipelines as typed TypeScript

Usage:
  pipecraft synth [options]      write .gitlab-ci.yml from pipeline.ts
  pipecraft validate [options]   check pipeline.ts; write nothing
  pipecraft help [command]       show help for pipecraft or a command

Options:
  -h, --help     show this help
  --version      print the version of pipecraft

Run "pipecraft <command> --help" for the options of a command.

${exitCodes}
`;

const synthUsage = `Usage: pipecraft synth [options]

Loads the pipeline file, validates it and writes the GitLab CI configuration.

Options:
  --app <file>       the pipeline file (default: pipeline.ts)
  --out <file>       the output file (default: .gitlab-ci.yml)
  --stdout           write the YAML to stdout instead of a file
  --check            write nothing; if the output file is missing or differs
                     from what synth would write, print a unified diff on
                     stdout and exit 1 (for CI)
  --target <name>    the output format: gitlab (default; kubernetes and kaniko
                     are planned)
  -h, --help         show this help

Paths are relative to the current directory. The pipeline file's default export
(module.exports for CommonJS) must be a pipeline: export default pipeline({...}).
The output is replaced atomically: a failed synth leaves the old file as it was.
Messages go to stderr; the YAML goes to the output file or stdout.
Set PIPECRAFT_DEBUG=1 to print the full stack of an error in the pipeline file.

${exitCodes}
`;

const validateUsage = `Usage: pipecraft validate [options]

Loads and validates the pipeline file and reports every problem. Writes nothing.

Options:
  --app <file>       the pipeline file (default: pipeline.ts)
  -h, --help         show this help

Set PIPECRAFT_DEBUG=1 to print the full stack of an error in the pipeline file.

${exitCodes}
`;

/** The help text of `pipecraft` itself, or of one command. */
export function usage(command?: CommandName): string {
  switch (command) {
    case undefined:
      return globalUsage;
    case "synth":
      return synthUsage;
    case "validate":
      return validateUsage;
  }
}

/** True when `name` is a command `pipecraft` knows. */
export function isCommandName(name: string): name is CommandName {
  return (commandNames as readonly string[]).includes(name);
}
