import { link, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomSuffix } from "./random-suffix.js";

/**
 * Creates `target` with `contents`, never replacing anything: the text is written to a temporary
 * file beside it, then hard-linked into place, which fails when the name exists (even when it
 * appeared a moment ago). Returns false, writing nothing, when it exists; a failed write leaves
 * no file, never a half-written one.
 */
export async function createFileExclusive(target: string, contents: string): Promise<boolean> {
  const temporary = join(dirname(target), `.${basename(target)}.${await randomSuffix(6)}.tmp`);
  try {
    await writeFile(temporary, contents, { flag: "wx" });
    await link(temporary, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
