import { type FileHandle, open, readdir, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomSuffix } from "./random-suffix.js";

/**
 * Replaces `target` with `contents` atomically: writes a temporary file in the same directory
 * (a rename is only atomic within one file system), flushes it, then renames it over the
 * target. On any failure the target is as it was and the temporary file is removed.
 *
 * What the path is decides how (the README's "Where the output goes" says the same):
 * - a symlink is followed: the file it points to is replaced and the link is kept;
 * - a character device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe, also through a
 *   symlink such as `/proc/self/fd/1`) is written straight, as a shell's `>` would: renaming over
 *   it would replace the device with a regular file and send nothing down the pipe;
 * - a replaced file keeps its permissions and, where the process may set them (root), its owner
 *   and group; a hard link to the old file keeps the old contents (a rename makes a new inode).
 */
export async function writeFileAtomic(target: string, contents: string): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    await writeStraight(target, contents);
    return;
  }
  const destination = await realpath(target).catch(() => target);
  await writeThroughTemporary(destination, contents, existing);
  await removeStaleTemporaries(destination);
}

/** Removes the temporary files a killed earlier write of the same file left beside it. */
async function removeStaleTemporaries(destination: string): Promise<void> {
  const prefix = `.${basename(destination)}.`;
  const names = await readdir(dirname(destination)).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && isTemporaryFileName(name)) {
      await unlink(join(dirname(destination), name)).catch(() => undefined);
    }
  }
}

/** The temporary files of writeFileAtomic for `name`: `.<name>.<12 hex>.tmp`. */
export function isTemporaryFileName(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.tmp$/.test(name);
}

async function writeStraight(target: string, contents: string): Promise<void> {
  // "w" opens without creating anything new: the node exists. A FIFO blocks here until a reader
  // opens it, as `> fifo` does in a shell.
  const handle = await open(target, "w");
  try {
    await handle.writeFile(contents, "utf8");
  } finally {
    await handle.close();
  }
}

async function writeThroughTemporary(
  destination: string,
  contents: string,
  existing: { mode: number; uid: number; gid: number } | undefined,
): Promise<void> {
  const temporary = join(
    dirname(destination),
    `.${basename(destination)}.${await randomSuffix(6)}.tmp`,
  );
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, "wx");
    await handle.writeFile(contents, "utf8");
    if (existing !== undefined) {
      await handle.chmod(existing.mode & 0o777);
      // Only root may give a file away; anyone else writes a file of their own, as an editor does.
      await handle.chown(existing.uid, existing.gid).catch(() => undefined);
    }
    // Without a flush, a crash right after the rename can leave an empty file on some file systems.
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, destination);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
