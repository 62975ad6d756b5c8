// `pipecraft import [FILE]`: an existing `.gitlab-ci.yml` → a readable, typed `pipeline.ts`.
// The importer (ts-morph, with the TypeScript compiler) is an optional peer, loaded here only.
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { ImportDiagnostic } from "@pipecraft/import";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { loadImporter } from "../load/optional-package.js";
import { displayPath } from "../load/resolve-app-file.js";
import { type OptionSpec, parseOptions, splitPositionals } from "../parse-options.js";
import { UsageError } from "../user-error.js";
import { fileErrorReason } from "../write/file-error-reason.js";
import { existingFileRefusal, isForeignFile } from "../write/foreign-file.js";
import { writeFileAtomic } from "../write/write-file-atomic.js";

const importOptions = {
  out: { type: "string" },
  stdout: { type: "boolean" },
  force: { type: "boolean" },
  style: { type: "string" },
} as const satisfies OptionSpec;

/** `pipecraft import [FILE] [--out pipeline.ts]`: exit 0 written, 1 not importable, 2 usage. */
export async function importCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { positionals, options: rest } = splitPositionals(args, importOptions);
  const options = parseOptions("import", rest, importOptions);
  const [file, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`, "import");
  if (options.stdout && (options.out !== undefined || options.force)) {
    throw new UsageError(
      `--stdout and --${options.force ? "force" : "out"} cannot be used together`,
      "import",
    );
  }
  const style = options.style ?? "hidden";
  if (style !== "hidden" && style !== "functions") {
    throw new UsageError(`--style must be hidden or functions, not "${style}"`, "import");
  }
  const source = resolve(io.cwd, file ?? ".gitlab-ci.yml");
  const sourceDisplay = displayPath(source, io.cwd);
  const stats = await stat(source).catch(() => undefined);
  if (stats === undefined || !stats.isFile()) {
    throw new UsageError(
      file === undefined
        ? `no .gitlab-ci.yml in ${io.cwd}; name the file: pipecraft import path/to/.gitlab-ci.yml`
        : `${sourceDisplay}: ${stats === undefined ? "no such file" : "not a file"}`,
      "import",
    );
  }
  const out = resolve(io.cwd, options.out ?? "pipeline.ts");
  const outDisplay = displayPath(out, io.cwd);
  if (!options.stdout && !options.force && (await isForeignFile(out))) {
    io.stderr.write(`pipecraft import: ${existingFileRefusal(outDisplay, "import")}\n`);
    return ExitCode.failure;
  }
  const { importGitlabYaml } = await loadImporter("import", io);
  const text = await readFile(source, "utf8");
  const { files, diagnostics } = importGitlabYaml(text, { fileName: sourceDisplay, style });
  printImportDiagnostics(diagnostics, sourceDisplay, io);
  const [pipelineFile] = files;
  if (pipelineFile === undefined) {
    io.stderr.write(`pipecraft import: ${sourceDisplay} was not imported; nothing was written\n`);
    return ExitCode.failure;
  }
  if (options.stdout) {
    io.stdout.write(pipelineFile.text);
    return ExitCode.ok;
  }
  try {
    await writeFileAtomic(out, pipelineFile.text);
  } catch (error) {
    io.stderr.write(`pipecraft import: cannot write ${outDisplay}: ${fileErrorReason(error)}\n`);
    return ExitCode.failure;
  }
  io.stdout.write(
    `wrote ${outDisplay} from ${sourceDisplay}; check it with "pipecraft synth --stdout"\n`,
  );
  return ExitCode.ok;
}

/** Prints the importer's diagnostics, one line each: `FILE:LINE:COL: [warning: ]message`. */
export function printImportDiagnostics(
  diagnostics: readonly ImportDiagnostic[],
  fileName: string,
  io: CliIo,
): void {
  for (const diagnostic of diagnostics) {
    const where = `${fileName}:${diagnostic.line}:${diagnostic.column}`;
    const severity = diagnostic.severity === "warning" ? "warning: " : "";
    io.stderr.write(`${where}: ${severity}${diagnostic.message}\n`);
  }
}
