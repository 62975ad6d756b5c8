/** The names of the commands `pipecraft` knows, in the order the usage text lists them. */
export const commandNames = [
  "init",
  "synth",
  "validate",
  "check",
  "graph",
  "import",
  "run",
  "runs",
  "logs",
  "cancel",
  "delete",
  "apply",
  "rbac",
] as const;

export type CommandName = (typeof commandNames)[number];

const exitCodes = `Exit codes:
  0  success (written, valid, or up to date)
  1  invalid pipeline, error while loading the pipeline file, --check found the
     output missing or out of date, or the output could not be written
  2  bad usage: unknown command or option, missing option value, conflicting
     options, unavailable --target, or no such pipeline file (--app)`;

const globalUsage = `pipecraft — CI pipelines as typed TypeScript

Usage:
  pipecraft init                 start: a pipeline.ts, package.json devDependencies
                                 and a tsconfig.json (never replaces a file);
                                 --from .gitlab-ci.yml imports an existing one
  pipecraft synth [options]      write .gitlab-ci.yml (or Kubernetes manifests)
                                 from pipeline.ts
  pipecraft validate [options]   check pipeline.ts; write nothing
  pipecraft validate FILE.yml    check a .gitlab-ci.yml, its local includes merged
  pipecraft check [options]      type-check pipeline.ts (tsconfig.json) and
                                 validate it: one command for CI
  pipecraft graph [options]      draw the pipeline (HTML, SVG, Mermaid, DOT)
  pipecraft import [FILE]        turn an existing .gitlab-ci.yml into pipeline.ts
  pipecraft run [options]        run the pipeline on a Kubernetes cluster
  pipecraft runs [options]       list the runs of a namespace
  pipecraft logs JOB [options]   print a job's log (-f: follow it)
  pipecraft cancel RUN           cancel a run from any terminal
  pipecraft delete RUN…          remove runs (also --finished, --older-than 7d)
  pipecraft apply [options]      server-side apply the Kubernetes target
  pipecraft rbac [options]       print the Role and RoleBinding that run needs
  pipecraft help [command]       show help for pipecraft or a command

Options:
  -h, --help     show this help
  --version      print the version of pipecraft

Run "pipecraft <command> --help" for the options of a command.

${exitCodes}
`;

const initUsage = `Usage: pipecraft init [--from FILE]

Starts pipecraft in the current directory, an empty or an existing repository:
  pipeline.ts      a starter pipeline (build, test, and a job that fails when
                   .gitlab-ci.yml is stale) that passes pipecraft check as is
  package.json     pipecraft, tsx and typescript added to devDependencies (a
                   minimal package.json when there is none); the rest of the
                   file is kept byte for byte
  tsconfig.json    strict, module nodenext, when there is none
A file that exists is never replaced: init says what it left alone. Then it
prints the one command to install, for the package manager of the lockfile
(npm when there is none).

With --from .gitlab-ci.yml the pipeline.ts is that file imported (pipecraft
import, the optional @pipecraft/import), giving the same pipeline; the next
steps then end with synth --force (the file becomes generated) and synth --check.

Options:
  --from <file>  import an existing GitLab file instead of the starter
  -h, --help     show this help

Exit codes:
  0  done (also when everything existed already)
  1  package.json is not valid JSON (nothing is written), or a file could not
     be written
  2  bad usage: unknown option or argument
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
  --stdout           write the YAML to stdout instead of a file (also: --out -)
  --check            write nothing; if the output is missing or differs from
                     what synth would write, print a unified diff on stdout
                     and exit 1 (for CI)
  --force            replace an output file that pipecraft did not generate
                     (without it, such a file is an error: a hand-written
                     .gitlab-ci.yml is imported with pipecraft import)
  --timeout <time>   give up loading the pipeline file after this long (30s,
                     500ms, 2m; default: no limit)
  --watch            write, then write again whenever the pipeline file or a
                     local file it imports changes (one line per result);
                     an error is reported and the watch goes on; Ctrl-C ends
                     it (exit 0)
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
  --allow-empty      kaniko: write the output even when no job builds an
                     image (without it, that is an error: nothing to build)
  --var NAME=VALUE   evaluate rules (workflow, rules, only/except) for the
                     checked-out commit with this variable over every other,
                     and write only the jobs GitLab would create; repeatable.
                     The commit, branch or tag and the file lists come from
                     git. Without --var no rule is evaluated: every job is
                     written. Jobs that wait (manual, delayed, needs, earlier
                     stages) are written with spec.suspend: true

Graph target (see pipecraft graph --help):
  --format <format>  html (default), svg, mermaid or dot
  --view <view>      stages (default) or needs
  --var NAME=VALUE   as above, but the jobs GitLab would not create are greyed

Paths are relative to the current directory. The pipeline file's default export
(module.exports for CommonJS) must be a pipeline: export default pipeline({...}).
The output is replaced atomically: a failed synth leaves the old file as it was.
Messages go to stderr; the YAML goes to the output file or stdout. What the
pipeline file itself prints goes to stderr, and pipecraft exits when its work is
done even if the file left timers or sockets open.
Set PIPECRAFT_DEBUG=1 to print the full stack of an error in the pipeline file.

${exitCodes}
`;

const validateUsage = `Usage: pipecraft validate [FILE.yml] [options]

Loads and validates the pipeline file and reports every problem. Writes nothing.
A GitLab file (FILE.yml, or --app naming a .yml or .yaml) is read as GitLab
reads it, its include: local files merged (paths from the file's directory),
and validated for GitLab.

Options:
  --app <file>       the pipeline file (default: pipeline.ts)
  --target <name>    also run a target's own checks: kubernetes or kaniko (what
                     has no Kubernetes meaning, names that collide …)
  --resolve-includes with a GitLab file: also fetch its remote and template
                     includes over HTTPS (cached in .pipecraft/cache/includes/
                     beside the file; delete it to fetch again) and check
                     across them. synth never fetches
  --templates-url <url>
                     where template includes are fetched from (default:
                     GitLab's templates on gitlab.com, master)
  --strict           with --target kubernetes or kaniko: warnings are errors
  --timeout <time>   give up loading the pipeline file after this long (30s,
                     500ms, 2m; default: no limit)
  --var NAME=VALUE   with --target kubernetes, kaniko or graph: also evaluate
                     rules for the checked-out commit with this variable, as
                     synth does; repeatable
  -h, --help         show this help

Set PIPECRAFT_DEBUG=1 to print the full stack of an error in the pipeline file.

Exit codes:
  0  the pipeline is valid (warnings allowed)
  1  invalid pipeline, or an error while loading the pipeline file
  2  bad usage: unknown option, missing option value, conflicting options,
     unavailable --target, or no such pipeline file (--app or FILE.yml)
`;

const checkUsage = `Usage: pipecraft check [options]

Type-checks the pipeline file with the project's own typescript (TypeScript 5;
TypeScript 7 has no compiler API yet) and the nearest tsconfig.json (its
compiler options; without one, strict NodeNext defaults), then validates it as
pipecraft validate does. Reports every type error and every
problem, each at file:line:column. Writes nothing.

Options:
  --app <file>       the pipeline file (default: pipeline.ts)
  --timeout <time>   give up loading the pipeline file after this long (30s,
                     500ms, 2m; default: no limit)
  -h, --help         show this help

Exit codes:
  0  no type error, and the pipeline is valid
  1  a type error, an invalid pipeline, an error while loading the pipeline
     file, or no TypeScript 5 installed in the project
  2  bad usage: unknown option, or no such pipeline file (--app)
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
  --watch            draw again whenever the pipeline file or a local file it
                     imports changes, until Ctrl-C
  --var NAME=VALUE   repeatable: evaluate rules for this commit with these
                     variables and grey the jobs GitLab would not create
  -h, --help         show this help

${exitCodes}
`;

const runUsage = `Usage: pipecraft run [options]

Runs the pipeline on the Kubernetes cluster of the current kubeconfig, scheduled
as GitLab schedules it: a job starts as soon as what it waits for (its needs, or
the earlier stages) has finished. The run is a ConfigMap <pipeline>-run-<id> in
the namespace that owns every object of the run; deleting it removes the run.

Options:
  --app <file>          the pipeline file (default: pipeline.ts)
  --namespace <ns>      the namespace of the run (default: kubernetes.namespace in
                        the pipeline, else the context's, else default)
  --run-id <id>         the run's id (default: a new one, sortable by time); up to
                        20 lower-case letters, digits and '-'
  --var NAME=VALUE      a variable for rules and every job (repeatable)
  --manual <job>        play this manual job (repeatable)
  --all-manual          play every manual job of the run
  --source none         the workspace starts empty (default)
  --source local        upload the git working tree (what .gitignore does not
                        ignore) into the workspace before the first job
  --source git          a first job "sources" fetches CI_REPOSITORY_URL (the
                        remote origin) at CI_COMMIT_SHA, honouring GIT_STRATEGY,
                        GIT_DEPTH (default 20), GIT_SUBMODULE_STRATEGY
  --git-image <img>     the sources job's image (sh, git; default: alpine/git:v2.45.1)
  --git-credentials <secret>  a Secret git logs in with: username, password
                        (HTTP) or ssh-privatekey, known_hosts (SSH)
  --artifacts <dir>     copy the finished jobs' artifacts:paths into <dir>
  --helper-image <img>  the image (sh, tar) of the Pod that copies files in and
                        out of the workspace (default: busybox:1.37)
  --service-logs        also print the services' logs (job/service | line)
  --attach <run>        follow a run another client started (that client died
                        or runs elsewhere) to its end; exits with its exit code
  --output text|json    on a terminal a live table, else one line per job state
                        change (default); or one JSON event per line
  --kubeconfig <file>   the kubeconfig (default: $KUBECONFIG, else ~/.kube/config)
  --context <name>      the kubeconfig context (default: its current context)
  --qps <n>             requests per second to the API server (default: 50)
  --burst <n>           requests at once after a quiet spell (default: 100)
  -h, --help            show this help

Each job's log is printed live (job | line) and written to
.pipecraft/runs/<id>/<job>.log once it finishes.
The first Ctrl-C (or SIGTERM) cancels the run: running Jobs are deleted and the
record marked canceled; a second one exits at once.

Exit codes:
  0    the pipeline passed (allowed failures and unplayed manual jobs included)
  1    the pipeline failed or is blocked by a manual job, the pipeline file is
       invalid, or the cluster refused (the message names the missing RBAC rule)
  2    bad usage (unknown option, bad --var, --manual naming no manual job …)
  130  cancelled
`;

const applyUsage = `Usage: pipecraft apply [options]

Synthesizes the Kubernetes (or Kaniko) target and server-side applies it to the
cluster of the kubeconfig with field manager pipecraft, as
kubectl apply --server-side would.

Options:
  --app <file>          the pipeline file (default: pipeline.ts)
  --target <name>       kubernetes (default) or kaniko
  --name, --namespace, --run-id, --strict, --var
                        as for pipecraft synth
  --force-conflicts     take over fields another field manager owns
  --dry-run server      let the API server check everything; change nothing
  --diff                print live against intended (server dry run), like
                        kubectl diff; exit 1 when they differ
  --prune               keep the objects as a kubectl ApplySet (parent: Secret
                        pipecraft-<pipeline>) and delete members no longer
                        generated
  --applyset <name>     the parent Secret's name (with --prune)
  --replace             delete and recreate a Job whose template changed (a
                        Job's template is immutable)
  --wait                wait until replaced and pruned objects are gone
  --kubeconfig, --context, --qps
                        as for pipecraft run
  --burst <n>           requests at once (default: all an apply sends, at least
                        100; kubectl's apply has no client-side limit either)
  -h, --help            show this help

Exit codes:
  0  applied (with --diff: no differences)
  1  invalid pipeline, the cluster refused (the message says the fix), or
     with --diff: differences
  2  bad usage
`;

const importUsage = `Usage: pipecraft import [FILE] [options]

Reads an existing GitLab CI file (default: .gitlab-ci.yml) and writes the
pipeline.ts a person would write: keys and jobs in their order, anchors and
hidden templates as named consts, !reference as reference(), comments kept.
Each include: local file becomes a module beside it (ci/a.yml -> ci/a.ts),
merged as GitLab merges it. It holds the same data as the YAML: pipecraft
synth gives it back. All files are written or none. Needs the optional
@pipecraft/import package.

Options:
  --out <file>   the pipeline file to write (default: pipeline.ts); the modules
                 go beside it
  --style <s>    hidden (default): extends and hidden templates kept as GitLab's
                 functions: extends of the file's templates as extend(), merged
                 when the pipeline is defined
  --stdout       print the files instead of writing them
  --force        replace the files that exist
  -h, --help     show this help

Exit codes:
  0  written
  1  the YAML cannot be imported (the place and the reason are printed), the
     output exists (without --force) or cannot be written, or
     @pipecraft/import is not installed
  2  bad usage (no such FILE, unknown option)
`;

const rbacUsage = `Usage: pipecraft rbac [options]

Prints the least Role and its RoleBinding that pipecraft run, cancel and logs
need in one namespace, as YAML for kubectl apply -f -.

Options:
  --namespace <ns>         the namespace of the runs (default: default)
  --user <name>            bind the Role to this user
  --group <name>           bind the Role to this group
  --service-account <name> bind the Role to this ServiceAccount of the namespace
                           (default: --service-account pipecraft)
  -h, --help               show this help

Exit codes:
  0  printed
  2  bad usage (more than one subject, a bad namespace name)
`;

const clusterOptionsText = `  --namespace <ns>      the namespace (default: the context's, else default)
  --kubeconfig, --context, --qps, --burst
                        as for pipecraft run
  -h, --help            show this help`;

const runsUsage = `Usage: pipecraft runs [options]

Lists the runs recorded in a namespace (their ConfigMaps <pipeline>-run-<id>),
oldest first: id, pipeline, status, start and duration.

Options:
  --output text|json    a table (default), or one JSON object per run and line
${clusterOptionsText}

Exit codes:
  0  listed (also when there are none)
  1  the cluster could not be read (the message says why)
  2  bad usage
`;

const logsUsage = `Usage: pipecraft logs JOB [options]

Prints the log of a job: the file pipecraft run wrote in .pipecraft/runs/<run>/
when it is there, else the job's Pod log from the cluster.

Options:
  --run <id>            the run (default: the latest in .pipecraft/runs here)
  -f, --follow          follow the Pod's log from the cluster until the job ends
${clusterOptionsText}

Exit codes:
  0  printed
  1  no such run or job on the cluster, the job has no Pod, or a cluster error
  2  bad usage (no JOB, no run known here and no --run)
`;

const cancelUsage = `Usage: pipecraft cancel RUN [options]

Cancels a run from any terminal, whether or not the client that started it is
still running: its unfinished Jobs are deleted with their Pods and the record is
marked canceled. Finished Jobs stay, to show their outcome. A live client sees
its Jobs go, cancels its side and exits 130.

Options:
${clusterOptionsText}

Exit codes:
  0  canceled, or the run had already ended (it says so)
  1  no such run, or the cluster refused (the message names the RBAC rule)
  2  bad usage
`;

const deleteUsage = `Usage: pipecraft delete RUN… | --finished | --older-than <age> [options]

Deletes runs: their records, and through ownerReferences everything the runs
created (Jobs, Pods, the workspace claim), which the cluster's garbage collector
removes.

Options:
  --finished            every run that has ended
  --older-than <age>    every run started longer ago than <age> (7d, 12h, 30m,
                        90s); with --finished, both must hold
${clusterOptionsText}

Exit codes:
  0  deleted (also when nothing matched; it says so)
  1  no such run, or a cluster error
  2  bad usage
`;

/** The help text of `pipecraft` itself, or of one command. */
export function usage(command?: CommandName): string {
  switch (command) {
    case undefined:
      return globalUsage;
    case "init":
      return initUsage;
    case "synth":
      return synthUsage;
    case "validate":
      return validateUsage;
    case "check":
      return checkUsage;
    case "graph":
      return graphUsage;
    case "run":
      return runUsage;
    case "runs":
      return runsUsage;
    case "logs":
      return logsUsage;
    case "cancel":
      return cancelUsage;
    case "delete":
      return deleteUsage;
    case "apply":
      return applyUsage;
    case "rbac":
      return rbacUsage;
    case "import":
      return importUsage;
  }
}

/** True when `name` is a command `pipecraft` knows. */
export function isCommandName(name: string): name is CommandName {
  return (commandNames as readonly string[]).includes(name);
}
