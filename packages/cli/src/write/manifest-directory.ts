import { mkdir, readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { OutputFile } from "@pipecraft/core";
import { isGeneratedText } from "@pipecraft/emit";
import { type StaleCheck, staleCheck } from "./stale-check.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/**
 * The `.yaml` files in `directory` that pipecraft wrote (they start with its header): the ones a
 * new synth replaces or removes. Anything else in the folder is the user's and is left alone.
 */
export async function generatedFiles(directory: string): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const generated: string[] = [];
  for (const name of names.filter((n) => n.endsWith(".yaml")).sort()) {
    const text = await readFile(join(directory, name), "utf8").catch(() => "");
    if (isGeneratedText(text)) generated.push(name);
  }
  return generated;
}

/**
 * Writes one file per object into `directory` (created if need be), each atomically, then removes
 * generated files no object claims any more (a job that was deleted). Returns the removed names.
 */
export async function writeManifestDirectory(
  directory: string,
  files: readonly OutputFile[],
): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const before = await generatedFiles(directory);
  for (const file of files) await writeFileAtomic(join(directory, file.fileName), file.yaml);
  const current = new Set(files.map((file) => file.fileName));
  const removed = before.filter((name) => !current.has(name));
  for (const name of removed) await unlink(join(directory, name));
  return removed;
}

/** `--check` for a directory: every file current, and no generated file left over. */
export async function checkManifestDirectory(
  directory: string,
  label: string,
  files: readonly OutputFile[],
): Promise<{ stale: string[]; missing: string[]; extra: string[]; diff: string }> {
  const result = {
    stale: [] as string[],
    missing: [] as string[],
    extra: [] as string[],
    diff: "",
  };
  const expected = new Map<string, string | undefined>(
    files.map((file) => [file.fileName, file.yaml]),
  );
  // Leftover generated files are expected not to exist: their diff deletes them, so that
  // `--check | git apply` brings the whole folder up to date.
  for (const name of await generatedFiles(directory)) {
    if (!expected.has(name)) expected.set(name, undefined);
  }
  for (const [name, yaml] of expected) {
    const check: StaleCheck = await staleCheck(join(directory, name), `${label}/${name}`, yaml);
    if (check.status === "current") continue;
    result[check.status].push(name);
    result.diff += check.diff;
  }
  return result;
}
