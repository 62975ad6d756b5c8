import { randomBytes } from "node:crypto";
import { type FileHandle, open, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Replaces `target` with `contents` atomically: writes a temporary file in the same directory
 * (a rename is only atomic within one file system), flushes it, then renames it over the
 * target. On any failure the target is as it was and the temporary file is removed. A symlink
 * target is written through, and an existing file keeps its permissions.
 */
export async function writeFileAtomic(target: string, contents: string): Promise<void> {
  const destination = await realpath(target).catch(() => target);
  const mode = await stat(destination).then(
    (stats) => stats.mode & 0o777,
    () => undefined,
  );
  const temporary = join(
    dirname(destination),
    `.${basename(destination)}.${randomBytes(6).toString("hex")}.tmp`,
  );
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, "wx");
    await handle.writeFile(contents, "utf8");
    if (mode !== undefined) {
      await handle.chmod(mode);
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
