// The shell program every job container runs. The script lines are passed as arguments, never
// spliced into the program text, so no quoting can break: each entry (multi-line ones too) is
// `eval`ed as written, echoed first like GitLab's runner does.
//
// - before_script and script run in one subshell with `set -e`: the first failing command ends
//   them, and its exit status is the job's.
// - after_script runs afterwards in a fresh subshell, also when script failed; its own failure
//   is reported but does not change the job's status (GitLab's rule).
// - Indexed Jobs (parallel: N): CI_NODE_INDEX is the 1-based JOB_COMPLETION_INDEX, as in GitLab.
// - Variables of the dotenv reports named in PIPECRAFT_DOTENV (files in the workspace, written by
//   earlier jobs) are exported first, as GitLab passes them on: `NAME=value` lines, taken literally.
//
// Neither subshell may be the left side of `||`/`&&` or an `if`: the shell ignores `set -e` there.
// The text is kept short because every Job repeats it. Its own variables all start with
// `__pipecraft_`, so that no CI variable (`s`, `f`, `c` …) is overwritten. Each entry is
// `eval`ed inside a function called without arguments, so that it sees `$#` = 0 as at the top
// of GitLab's bash script, and a `break` or `continue` outside a loop of its own is ignored (bash
// warns, dash says nothing) instead of ending the runner's loop: GitLab's runner writes every
// entry into one bash script, where such a `break` warns and the script goes on.
// A dotenv line whose name is not a variable name would make `export` end the whole shell
// ("bad variable name", no "Job failed" line); such lines are skipped with a warning instead,
// as GitLab rejects them. Blank lines and `#` comments are skipped silently.
// It counts with `expr` in backquotes, not `$((…))`: Kubernetes reads `$(` in a command as its
// own variable syntax, and the text should read as written.
const RUNNER = `__pipecraft_n=$1; shift
__pipecraft_run() { eval "$__pipecraft_c"; }
[ -z "\${JOB_COMPLETION_INDEX:-}" ] || export CI_NODE_INDEX=\`expr "$JOB_COMPLETION_INDEX" + 1\`
for __pipecraft_f in \${PIPECRAFT_DOTENV:-}; do [ ! -f "$__pipecraft_f" ] || while IFS= read -r __pipecraft_l || [ -n "$__pipecraft_l" ]; do case $__pipecraft_l in ''|'#'*) ;; *=*) case \${__pipecraft_l%%=*} in ''|[0-9]*|*[!A-Za-z0-9_]*) printf 'WARNING: %s: skipped "%s": not a variable name\\n' "$__pipecraft_f" "\${__pipecraft_l%%=*}";; *) export "$__pipecraft_l";; esac;; *) printf 'WARNING: %s: skipped a line that is not NAME=value\\n' "$__pipecraft_f";; esac; done < "$__pipecraft_f"; done
(set -e; __pipecraft_i=0; for __pipecraft_c do [ $__pipecraft_i -lt $__pipecraft_n ] || break; __pipecraft_i=\`expr $__pipecraft_i + 1\`; printf '$ %s\\n' "$__pipecraft_c"; __pipecraft_run; done)
__pipecraft_s=$?; shift $__pipecraft_n
if [ $# -gt 0 ]; then printf 'Running after_script\\n'; (set -e; for __pipecraft_c do printf '$ %s\\n' "$__pipecraft_c"; __pipecraft_run; done); __pipecraft_a=$?; [ $__pipecraft_a -eq 0 ] || printf 'after_script failed with exit code %s\\n' $__pipecraft_a; fi
[ $__pipecraft_s -eq 0 ] || printf 'ERROR: Job failed: exit code %s\\n' $__pipecraft_s
exit $__pipecraft_s
`;

/** The name the runner program sees as `$0` (shown by the shell in its own error messages). */
const PROGRAM_NAME = "pipecraft-job";

/** The script of one job, as GitLab keeps it: entries may hold several lines. */
export type JobScript = {
  readonly beforeScript: readonly string[];
  readonly script: readonly string[];
  readonly afterScript: readonly string[];
};

/**
 * The container `command` that runs a job's scripts with GitLab's semantics (see RUNNER above).
 * @example jobCommand({ beforeScript: [], script: ["npm test"], afterScript: [] })
 */
export function jobCommand(script: JobScript): string[] {
  const main = [...script.beforeScript, ...script.script];
  return [
    "/bin/sh",
    "-c",
    RUNNER,
    PROGRAM_NAME,
    String(main.length),
    ...main,
    ...script.afterScript,
  ];
}
