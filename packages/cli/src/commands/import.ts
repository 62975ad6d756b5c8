// `pipecraft import [FILE]`: an existing `.gitlab-ci.yml` → a readable, typed `pipeline.ts`.
// The importer (ts-morph, with the TypeScript compiler) is an optional peer, loaded here only.
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import type { ImportDiagnostic } from "@pipecraft/import";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { directoryIncludeSource } from "../load/directory-include-source.js";
import { loadImporter } from "../load/optional-package.js";
import { displayPath } from "../load/resolve-app-file.js";
import { type OptionSpec, parseOptions, splitPositionals } from "../parse-options.js";
import { UsageError } from "../user-error.js";
import { fileErrorReason } from "../write/file-error-reason.js";
import { existingFileRefusal, isForeignFile } from "../write/foreign-file.js";
import { writeFileAtomic } from "../write/write-file-atomic.js";
import { writeFilesTogether } from "../write/write-files-together.js";

const importOptions = {
  out: { type: "string" },
  stdout: { type: "boolean" },
  force: { type: "boolean" },
  style: { type: "string" },
} as const satisfies OptionSpec;

/**
 * `pipecraft import [FILE] [--out pipeline.ts]`: pipeline.ts, and a module per `include: local`
 * file beside it, all written or none; exit 0 written, 1 not importable or refused, 2 usage.
 */
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
  const { importGitlabYaml } = await loadImporter("import", io);
  const text = await readFile(source, "utf8");
  // The project is the folder of the YAML file: `include: local` paths start there.
  const root = dirname(source);
  const { files, diagnostics } = importGitlabYaml(text, {
    fileName: sourceDisplay,
    style,
    includes: directoryIncludeSource(root, basename(source)),
  });
  printImportDiagnostics(diagnostics, sourceDisplay, io, root);
  if (files.length === 0) {
    io.stderr.write(`pipecraft import: ${sourceDisplay} was not imported; nothing was written\n`);
    return ExitCode.failure;
  }
  // pipeline.ts at --out; the modules of included files beside it, at their relative paths.
  const targets = files.map((file, index) => {
    const path = index === 0 ? out : resolve(dirname(out), file.path);
    return { path, display: displayPath(path, io.cwd), contents: file.text };
  });
  if (options.stdout) {
    for (const target of targets) {
      if (targets.length > 1) io.stdout.write(`// ==> ${target.display} <==\n`);
      io.stdout.write(target.contents);
    }
    return ExitCode.ok;
  }
  if (!options.force) {
    const existing: string[] = [];
    for (const target of targets) {
      if (await isForeignFile(target.path)) existing.push(target.display);
    }
    if (existing.length > 0) {
      io.stderr.write(`pipecraft import: ${existingFileRefusal(existing, "import")}\n`);
      return ExitCode.failure;
    }
  }
  if (targets.length === 1) {
    try {
      await writeFileAtomic(out, targets[0]!.contents);
    } catch (error) {
      io.stderr.write(
        `pipecraft import: cannot write ${targets[0]!.display}: ${fileErrorReason(error)}\n`,
      );
      return ExitCode.failure;
    }
  } else {
    const failure = await writeFilesTogether(targets);
    if (failure !== undefined) {
      const display = displayPath(failure.path, io.cwd);
      io.stderr.write(
        `pipecraft import: cannot write ${display}: ${fileErrorReason(failure.error)}; none of the ${targets.length} files was written\n`,
      );
      return ExitCode.failure;
    }
  }
  const [first, ...modules] = targets.map((target) => target.display);
  const written =
    modules.length === 0
      ? first
      : `${first} and ${modules.length === 1 ? "1 module" : `${modules.length} modules`} of included files (${modules.join(", ")})`;
  // `check` type-checks as well as validates: the next step a user should take.
  const check = first === "pipeline.ts" ? "pipecraft check" : `pipecraft check --app ${first}`;
  io.stdout.write(`wrote ${written} from ${sourceDisplay}; check it with "${check}"\n`);
  return ExitCode.ok;
}

/**
 * Prints the importer's diagnostics, one line each: `FILE:LINE:COL: [warning: ]message`; one in
 * an included file names that file (found under `root`, the project's folder).
 */
export function printImportDiagnostics(
  diagnostics: readonly ImportDiagnostic[],
  fileName: string,
  io: CliIo,
  root?: string,
): void {
  for (const diagnostic of diagnostics) {
    const file =
      diagnostic.file === undefined
        ? fileName
        : root === undefined
          ? diagnostic.file
          : displayPath(resolve(root, diagnostic.file), io.cwd);
    const where = `${file}:${diagnostic.line}:${diagnostic.column}`;
    const severity = diagnostic.severity === "warning" ? "warning: " : "";
    io.stderr.write(`${where}: ${severity}${diagnostic.message}\n`);
  }
}
