// Files across the workspace helper Pod as tar streams: this machine's `tar` on one side, the
// helper image's `tar` (busybox is enough) on the other, `exec` between them.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { PassThrough, Writable } from "node:stream";
import { ClusterError } from "./api-call.js";
import { WORKSPACE_MOUNT, type WorkspacePod } from "./workspace-pod.js";

/** Uploads `files` (relative to `directory`) into the workspace, keeping their relative paths. */
export async function uploadFiles(
  pod: WorkspacePod,
  directory: string,
  files: readonly string[],
): Promise<void> {
  const tar = spawn("tar", ["-c", "-f", "-", "--null", "-T", "-"], {
    cwd: directory,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = exitOf(tar, "tar -c (the sources)");
  // Piped at once: a child's output nobody reads yet is dropped when it exits (flushStdio).
  const archive = new PassThrough();
  tar.stdout?.pipe(archive);
  tar.stdin?.end(files.map((file) => `${file}\0`).join(""));
  await Promise.all([
    pod.exec(["tar", "-x", "-f", "-", "-C", WORKSPACE_MOUNT], { stdin: archive }),
    exited,
  ]);
}

// Run in the helper Pod as `sh -c SCRIPT sh GLOB…`: each glob expands in the workspace (split on
// newlines only, never evaluated), and what exists is written as one tar stream; nothing, when
// nothing matches.
const PACK_MATCHES = `cd "${WORKSPACE_MOUNT}" || exit 1
IFS='
'
n=$#
while [ "$n" -gt 0 ]; do
  g=$1; shift; n=$((n - 1))
  for p in $g; do
    if [ -e "$p" ] || [ -L "$p" ]; then set -- "$@" "./$p"; fi
  done
done
[ "$#" -eq 0 ] && exit 0
exec tar -c -f - "$@"`;

/**
 * Copies what matches `globs` (GitLab `artifacts:paths`, relative to the workspace) into
 * `directory`, keeping relative paths; resolves with whether anything matched.
 */
export async function downloadPaths(
  pod: WorkspacePod,
  globs: readonly string[],
  directory: string,
): Promise<boolean> {
  await mkdir(directory, { recursive: true });
  let tar: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  // This machine's tar starts with the first byte: an empty answer is "nothing matched".
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (tar === undefined) {
        tar = spawn("tar", ["-x", "-f", "-", "-C", directory], {
          stdio: ["pipe", "ignore", "pipe"],
        });
        exited = exitOf(tar, `tar -x (into ${directory})`);
      }
      if (tar.stdin?.write(chunk) === false) tar.stdin.once("drain", () => done());
      else done();
    },
    final(done) {
      tar?.stdin?.end();
      done();
    },
  });
  const finished = new Promise<void>((resolve) => stdout.once("finish", () => resolve()));
  await pod.exec(["sh", "-c", PACK_MATCHES, "sh", ...globs], { stdout });
  // client-node ends stdout when the command's status arrives; end it here in case it did not.
  if (!stdout.writableEnded) stdout.end();
  await finished;
  await exited;
  return tar !== undefined;
}

function exitOf(child: ChildProcess, what: string): Promise<void> {
  const stderr: Buffer[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve, reject) => {
    child.on("error", (error) =>
      reject(new ClusterError(`${what} could not start on this machine: ${error.message}`)),
    );
    child.on("close", (code) => {
      if (code === 0) resolve();
      else {
        const said = Buffer.concat(stderr).toString("utf8").trim().split("\n").slice(-2).join("; ");
        reject(new ClusterError(`${what} failed on this machine (exit ${code}): ${said}`));
      }
    });
  });
}
