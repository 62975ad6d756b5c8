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
// The text is kept short because every Job repeats it; its counters are named so that a script
// is unlikely to overwrite them. It counts with `expr` in backquotes, not `$((…))`: Kubernetes
// reads `$(` in a command as its own variable syntax, and the text should read as written.
const RUNNER = `pipecraft_n=$1; shift
[ -z "\${JOB_COMPLETION_INDEX:-}" ] || export CI_NODE_INDEX=\`expr "$JOB_COMPLETION_INDEX" + 1\`
for f in \${PIPECRAFT_DOTENV:-}; do [ ! -f "$f" ] || while IFS= read -r l || [ -n "$l" ]; do case $l in [A-Za-z_]*=*) export "\${l%%=*}=\${l#*=}";; esac; done < "$f"; done
(set -e; pipecraft_i=0; for c do [ $pipecraft_i -lt $pipecraft_n ] || break; pipecraft_i=\`expr $pipecraft_i + 1\`; printf '$ %s\\n' "$c"; eval "$c"; done)
s=$?; shift $pipecraft_n
if [ $# -gt 0 ]; then printf 'Running after_script\\n'; (set -e; for c do printf '$ %s\\n' "$c"; eval "$c"; done); a=$?; [ $a -eq 0 ] || printf 'after_script failed with exit code %s\\n' $a; fi
[ $s -eq 0 ] || printf 'ERROR: Job failed: exit code %s\\n' $s
exit $s
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
