import { readFile } from "node:fs/promises";
import { isAbsolute } from "node:path";

/** Whether the output on disk matches what synth would write; a unified diff when it does not. */
export type StaleCheck = { status: "current" } | { status: "missing" | "stale"; diff: string };

/**
 * Compares the file at `path` (named `label` in the diff) with `expected`. Line endings are
 * compared loosely: a checkout with CRLF line endings holds the same configuration for GitLab.
 */
export async function staleCheck(
  path: string,
  label: string,
  expected: string,
): Promise<StaleCheck> {
  let actual: string | undefined;
  try {
    actual = await readFile(path, "utf8");
  } catch (error) {
    if (!isMissingFile(error)) {
      throw error;
    }
  }
  if (actual !== undefined && actual.replaceAll("\r\n", "\n") === expected) {
    return { status: "current" };
  }
  // jsdiff is loaded only here: only --check with a stale file needs it.
  const { createTwoFilesPatch } = await import("diff");
  // git-style a/ b/ prefixes, so that `git apply` takes the diff from the directory it names.
  const [oldPrefix, newPrefix] = isAbsolute(label) ? ["", ""] : ["a/", "b/"];
  const diff = createTwoFilesPatch(
    actual === undefined ? "/dev/null" : `${oldPrefix}${label}`,
    `${newPrefix}${label}`,
    actual?.replaceAll("\r\n", "\n") ?? "",
    expected,
    undefined,
    undefined,
    { headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true } },
  );
  return { status: actual === undefined ? "missing" : "stale", diff };
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
