import { randomBytes } from "node:crypto";
import { mkdir, open, realpath, rename, rmdir, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A file to write: its absolute path and its contents. */
export type FileToWrite = { readonly path: string; readonly contents: string };

/** Which file could not be written, and why (the error of the file system). */
export type WriteFailure = { readonly path: string; readonly error: unknown };

/**
 * Writes all of `files` or none: each is first written in full to a temporary file beside it
 * (`.<name>.<hex>.tmp`, missing folders created, the first file's folder excepted), then all are
 * renamed over their targets. A failure before the renames removes the temporary files and the
 * folders made for them, and leaves every target as it was. Symlinks are followed and a
 * replaced file keeps its permissions, as with `writeFileAtomic`.
 */
export async function writeFilesTogether(
  files: readonly FileToWrite[],
): Promise<WriteFailure | undefined> {
  const staged: { temporary: string; destination: string }[] = [];
  const madeFolders: { top: string; leaf: string }[] = [];
  let current = "";
  try {
    for (const [index, file] of files.entries()) {
      current = file.path;
      if (index > 0) {
        const made = await mkdir(dirname(file.path), { recursive: true });
        if (made !== undefined) madeFolders.push({ top: made, leaf: dirname(file.path) });
      }
      const destination = await realpath(file.path).catch(() => file.path);
      const temporary = join(
        dirname(destination),
        `.${basename(destination)}.${randomBytes(6).toString("hex")}.tmp`,
      );
      const existing = await stat(destination).catch(() => undefined);
      const handle = await open(temporary, "wx");
      staged.push({ temporary, destination });
      try {
        await handle.writeFile(file.contents, "utf8");
        // A replaced file keeps its permissions, as with writeFileAtomic.
        if (existing !== undefined) await handle.chmod(existing.mode & 0o777);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  } catch (error) {
    for (const { temporary } of staged) await unlink(temporary).catch(() => undefined);
    for (const { top, leaf } of madeFolders.reverse()) await removeEmptyFolders(top, leaf);
    return { path: current, error };
  }
  for (const { temporary, destination } of staged) {
    try {
      await rename(temporary, destination);
    } catch (error) {
      for (const rest of staged) await unlink(rest.temporary).catch(() => undefined);
      return { path: destination, error };
    }
  }
  return undefined;
}

// `mkdir -p` made `top` and the folders below it down to `leaf`: removed while empty.
async function removeEmptyFolders(top: string, leaf: string): Promise<void> {
  let folder = leaf;
  while (folder.length >= top.length) {
    await rmdir(folder).catch(() => undefined);
    if (folder === top) return;
    folder = dirname(folder);
  }
}
