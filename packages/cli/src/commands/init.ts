import { readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { type AddedDependencies, addDevDependencies } from "../init/add-dev-dependencies.js";
import { initDevDependencies } from "../init/dev-dependencies.js";
import { pipelineFiles } from "../init/pipeline-files.js";
import { execCommand, installCommand, packageManagerOf } from "../load/package-manager.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
import { UsageError } from "../user-error.js";
import { createFileExclusive } from "../write/create-file-exclusive.js";
import { fileErrorReason } from "../write/file-error-reason.js";
import { writeFileAtomic } from "../write/write-file-atomic.js";

const initOptions = { from: { type: "string" } } as const satisfies OptionSpec;

/** The tsconfig.json the README recommends, written when the project has none. */
const tsconfig = `${JSON.stringify(
  { compilerOptions: { target: "ES2022", module: "nodenext", strict: true, noEmit: true } },
  null,
  2,
)}\n`;

/**
 * `pipecraft init`: writes a starter pipeline.ts, adds pipecraft, tsx and typescript to the
 * package.json devDependencies (creating a minimal package.json), and a tsconfig.json when there
 * is none; never replaces a file, says what it left alone and the one command to install.
 */
export async function init(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseOptions("init", args, initOptions);
  const manager = packageManagerOf(io.cwd);
  const from = options.from === undefined ? undefined : await readGitlabFile(options.from, io);
  const dependencies = initDevDependencies();

  // Everything that can refuse is decided before the first write: a package.json pipecraft
  // cannot edit leaves the project as it was.
  const files = await pipelineFiles(
    from === undefined ? { kind: "starter", manager } : { kind: "gitlab", ...from },
    io,
  );
  if (files.length === 0) {
    io.stderr.write(`pipecraft init: ${from?.fileName} was not imported; nothing was written\n`);
    return ExitCode.failure;
  }
  const manifestPath = join(io.cwd, "package.json");
  let manifestText: string | undefined;
  try {
    manifestText = await readFile(manifestPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      io.stderr.write(`pipecraft init: could not read package.json: ${fileErrorReason(error)}\n`);
      return ExitCode.failure;
    }
  }
  let manifest: AddedDependencies;
  try {
    manifest =
      manifestText === undefined
        ? { text: minimalManifest(io.cwd, dependencies), added: [], present: [] }
        : addDevDependencies(manifestText, dependencies);
  } catch (error) {
    io.stderr.write(
      `pipecraft init: cannot add devDependencies to package.json: ${(error as Error).message}; fix it and run pipecraft init again\n`,
    );
    return ExitCode.failure;
  }

  const say = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };
  // The file being written, for the message should it fail.
  let writing = "";
  try {
    for (const file of files) {
      await create(file.path, file.text);
    }
    if (manifestText === undefined) {
      const names = dependencies.map(([name]) => name).join(", ");
      await create("package.json", manifest.text ?? "", ` (devDependencies: ${names})`);
    } else if (manifest.text !== undefined) {
      writing = "package.json";
      await writeFileAtomic(manifestPath, manifest.text);
      say(`added ${manifest.added.join(", ")} to devDependencies in package.json`);
    }
    if (manifest.present.length > 0) {
      const listed = manifest.present.map(({ name, field }) => `${name} (${field})`);
      say(`left alone: package.json already lists ${listed.join(", ")}`);
    }
    await create("tsconfig.json", tsconfig);
  } catch (error) {
    io.stderr.write(`pipecraft init: could not write ${writing}: ${fileErrorReason(error)}\n`);
    return ExitCode.failure;
  }
  const check = execCommand(manager, "pipecraft check");
  const changed = manifestText === undefined || manifest.text !== undefined;
  const steps = [...(changed ? [installCommand(manager)] : []), check];
  if (from !== undefined) {
    // The imported file gives the same data; synth takes the file over (it has no pipecraft
    // header yet, hence --force), after which synth --check holds it to pipeline.ts.
    const out = from.fileName === ".gitlab-ci.yml" ? "" : ` --out ${from.fileName}`;
    steps.push(
      `${execCommand(manager, `pipecraft synth --force${out}`)} (the same pipeline, now generated)`,
      execCommand(manager, `pipecraft synth --check${out}`),
    );
  }
  say(`next: ${steps.join(", then ")}`);
  return ExitCode.ok;

  /** Creates `path` unless it exists, and says which. */
  async function create(path: string, text: string, what = ""): Promise<boolean> {
    writing = path;
    const created = await createFileExclusive(join(io.cwd, path), text);
    say(created ? `wrote ${path}${what}` : `left alone: ${path} (it exists)`);
    return created;
  }
}

/** The `--from` file's text and its name as given, or a usage error naming it. */
async function readGitlabFile(
  file: string,
  io: CliIo,
): Promise<{ text: string; fileName: string }> {
  try {
    return { text: await readFile(resolve(io.cwd, file), "utf8"), fileName: file };
  } catch (error) {
    throw new UsageError(`--from ${file}: ${fileErrorReason(error)}`, "init");
  }
}

/** A package.json for a project that has none: private, ES modules, the devDependencies. */
function minimalManifest(
  directory: string,
  dependencies: readonly (readonly [string, string])[],
): string {
  const manifest = {
    name: packageName(basename(directory)),
    private: true,
    type: "module",
    devDependencies: Object.fromEntries(dependencies),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The folder's name as npm allows a package name: lower case, no spaces, at most 214 characters. */
function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, "-")
    .replace(/^[._-]+/, "")
    .slice(0, 214);
  return name === "" ? "pipeline" : name;
}
