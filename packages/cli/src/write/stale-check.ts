import { readFile, stat } from "node:fs/promises";
import { isAbsolute } from "node:path";

/** Whether the output on disk matches what synth would write; a unified diff when it does not. */
export type StaleCheck =
  | { status: "current" }
  | { status: "missing" | "stale" | "extra"; diff: string };

/**
 * Compares the file at `path` (named `label` in the diff) with `expected`; `undefined` means the
 * file should not exist (a generated file nothing produces any more: the diff deletes it). Line
 * endings are compared loosely: a checkout with CRLF line endings holds the same configuration.
 */
export async function staleCheck(
  path: string,
  label: string,
  expected: string | undefined,
): Promise<StaleCheck> {
  let actual: string | undefined;
  try {
    // Reading a FIFO would wait for a writer forever; a device is no committed output either.
    if (!(await stat(path)).isFile()) throw new Error("not a regular file");
    actual = (await readFile(path, "utf8")).replaceAll("\r\n", "\n");
  } catch (error) {
    if (!isMissingFile(error)) {
      throw error;
    }
  }
  if (actual === expected) {
    return { status: "current" };
  }
  // jsdiff is loaded only here: only --check with a stale file needs it.
  const { createTwoFilesPatch } = await import("diff");
  // git-style a/ b/ prefixes, so that `git apply` takes the diff from the directory it names.
  const [oldPrefix, newPrefix] = isAbsolute(label) ? ["", ""] : ["a/", "b/"];
  const diff = createTwoFilesPatch(
    actual === undefined ? "/dev/null" : `${oldPrefix}${label}`,
    expected === undefined ? "/dev/null" : `${newPrefix}${label}`,
    actual ?? "",
    expected ?? "",
    undefined,
    undefined,
    { headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true } },
  );
  const status = actual === undefined ? "missing" : expected === undefined ? "extra" : "stale";
  return { status, diff };
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
