/** The names of the commands `pipecraft` knows, in the order the usage text lists them. */
export const commandNames = ["synth", "validate", "graph"] as const;

export type CommandName = (typeof commandNames)[number];

const exitCodes = `Exit codes:
  0  success (written, valid, or up to date)
  1  invalid pipeline, error while loading the pipeline file, --check found the
     output missing or out of date, or the output could not be written
  2  bad usage: unknown command or option, missing option value, conflicting
     options, unavailable --target, or no such pipeline file (--app)`;

const globalUsage = `pipecraft — CI pipelines as typed TypeScript

Usage:
  pipecraft synth [options]      write .gitlab-ci.yml (or Kubernetes manifests)
                                 from pipeline.ts
  pipecraft validate [options]   check pipeline.ts; write nothing
  pipecraft graph [options]      draw the pipeline (HTML, SVG, Mermaid, DOT)
  pipecraft help [command]       show help for pipecraft or a command

Options:
  -h, --help     show this help
  --version      print the version of pipecraft

Run "pipecraft <command> --help" for the options of a command.

${exitCodes}
`;

const synthUsage = `Usage: pipecraft synth [options]

Loads the pipeline file, validates it and writes it for one target.

Options:
  --app <file>       the pipeline file (default: pipeline.ts)
  --target <name>    the output format:
                       gitlab      .gitlab-ci.yml (default)
                       kubernetes  batch/v1 Jobs and the run's workspace claim
                       kaniko      the Kaniko image builds as Pods
                       graph       a picture of the pipeline (pipecraft graph)
  --out <path>       the output file (default: .gitlab-ci.yml, kubernetes.yaml,
                     kaniko.yaml, pipeline-graph.html); kubernetes and kaniko: a directory (a path
                     ending in /, or an existing directory) gets one file per
                     object, and generated files no longer produced are removed
  --stdout           write the YAML to stdout instead of a file
  --check            write nothing; if the output is missing or differs from
                     what synth would write, print a unified diff on stdout
                     and exit 1 (for CI)
  -h, --help         show this help

Kubernetes and Kaniko targets:
  --name <name>      prefix of every object name (default: kubernetes.name in
                     the pipeline, else the package.json name, else pipeline)
  --namespace <ns>   namespace of every object (default: kubernetes.namespace,
                     else none: the one kubectl uses)
  --run-id <id>      CI_PIPELINE_ID and the pipecraft.dev/run-id label
                     (default: local)
  --strict           keywords with no Kubernetes meaning are errors, not
                     warnings

Graph target (see pipecraft graph --help):
  --format <format>  html (default), svg, mermaid or dot
  --view <view>      stages (default) or needs

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
  --target <name>    also run a target's own checks: kubernetes or kaniko (what
                     has no Kubernetes meaning, names that collide …)
  --strict           with --target kubernetes or kaniko: warnings are errors
  -h, --help         show this help

Set PIPECRAFT_DEBUG=1 to print the full stack of an error in the pipeline file.

${exitCodes}
`;

const graphUsage = `Usage: pipecraft graph [options]

Loads and validates the pipeline file and draws it: the same as
pipecraft synth --target graph.

Options:
  --app <file>       the pipeline file (default: pipeline.ts)
  --format <format>  html   one self-contained page (no network): zoom and pan,
                            search, hover a job to light its needs chain,
                            fold stages and matrix groups (default)
                     svg    the same drawing, static
                     mermaid  flowchart text for GitLab/GitHub Markdown; large
                            pipelines fold matrix groups, then stages, to stay
                            within Mermaid's limits (a %% comment says so)
                     dot    Graphviz (dot -Tsvg)
  --view <view>      stages  a column per stage, as GitLab shows it, with the
                             needs edges (default)
                     needs   the dependency graph left to right; orders
                             implied by stages are dashed
  --out <path>       the output file (default: pipeline-graph.html)
  --stdout           write the drawing to stdout instead of a file
  --check            write nothing; exit 1 with a diff if the file differs
  -h, --help         show this help

Not yet: --var NAME=VALUE (greying the jobs that rules leave out).

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
    case "graph":
      return graphUsage;
  }
}

/** True when `name` is a command `pipecraft` knows. */
export function isCommandName(name: string): name is CommandName {
  return (commandNames as readonly string[]).includes(name);
}
