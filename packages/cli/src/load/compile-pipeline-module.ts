import { existsSync } from "node:fs";
import {
  mkdir,
  mkdtemp,
  readFile,
  realpath,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type * as EsbuildApi from "esbuild";
import { randomSuffix } from "../write/random-suffix.js";
import { moduleFormat } from "./module-format.js";
import { pathKey } from "./path-key.js";

/** The pipeline file compiled into one ES module file, ready to import; `done` is called after. */
export interface CompiledPipeline {
  file: string;
  done(): Promise<void>;
}

/**
 * Compiles an ES module pipeline file and the local files it imports (TypeScript or JavaScript,
 * outside node_modules) with esbuild into one ES module. Packages stay external, imported by their
 * resolved file URL, so the user's `import "pipecraft"` is the copy this process already runs.
 * Each local file keeps its own `import.meta` (url, filename, dirname, resolve), and an inline
 * source map points stack traces at the user's lines.
 *
 * The result is kept in `node_modules/.cache/pipecraft/` with the size and modification time of
 * every file it was made from (the local files, the packages' files, each package.json and
 * tsconfig.json above the local files): while none changes, the next load skips esbuild. Without a
 * node_modules folder it is written to the OS temporary folder and removed after the load.
 *
 * This replaces tsx's module hooks (a loader thread booted per process, most of a synth's start)
 * where it can. It returns undefined, having run nothing, where it cannot: a compile or resolve
 * error (tsx then reports it as before), a CommonJS file among the local ones, a local JSON file,
 * an `import()` of a computed path, or esbuild missing.
 */
export async function compilePipelineModule(file: string): Promise<CompiledPipeline | undefined> {
  const cache = await cacheDirectory(dirname(file));
  const name = cache === undefined ? await temporaryName(file) : cachedName(file);
  const directory = cache ?? (await temporaryDirectory());
  const outfile = join(directory, `${name}.mjs`);
  const manifest = join(directory, `${name}.json`);
  const keep = { file: outfile, done: async () => undefined };
  if (cache !== undefined && (await isUpToDate(manifest))) return keep;
  const compiled = await compile(file, outfile);
  const removeDirectory = () => rm(directory, { recursive: true, force: true });
  if (compiled === undefined) {
    if (cache === undefined) await removeDirectory();
    return undefined;
  }
  if (cache === undefined) {
    await writeFile(outfile, compiled.text, { flag: "wx", mode: 0o600 });
    return { file: outfile, done: removeDirectory };
  }
  await replaceFile(outfile, compiled.text);
  // Written last: a manifest always describes a complete module. The module is listed too:
  // removed or changed, it is made again.
  await replaceFile(
    manifest,
    JSON.stringify(
      await fingerprint(compiled.locals, [...compiled.externals, outfile], compiled.packages),
    ),
  );
  return keep;
}

/** What esbuild made of the file, and what it was made from; undefined when tsx must load it. */
async function compile(
  file: string,
  outfile: string,
): Promise<
  { text: string; locals: string[]; externals: string[]; packages: string[] } | undefined
> {
  const esbuild = loadEsbuild();
  if (esbuild === undefined) return undefined;
  const unsupported: string[] = [];
  const externals = new Set<string>();
  const packages = new Set<string>();
  let result: EsbuildApi.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints: [file],
      outfile,
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "node",
      target: `node${process.versions.node}`,
      // As Node resolves: no bundler-only `module` condition or field.
      conditions: [],
      mainFields: ["main"],
      sourcemap: "inline",
      sourcesContent: false,
      logLevel: "silent",
      absWorkingDir: dirname(file),
      plugins: [localFilesOnly(unsupported, externals, packages)],
    });
  } catch {
    return undefined;
  }
  const output = result.outputFiles[0];
  if (unsupported.length > 0 || output === undefined) return undefined;
  return {
    text: output.text,
    locals: Object.keys(result.metafile.inputs).map((input) => resolve(dirname(file), input)),
    externals: [...externals],
    packages: [...packages],
  };
}

type Esbuild = typeof EsbuildApi;

function loadEsbuild(): Esbuild | undefined {
  try {
    // esbuild is CommonJS: required, it loads in a few ms (imported, it goes through the ESM
    // loader's CommonJS lexer first).
    return createRequire(import.meta.url)("esbuild") as Esbuild;
  } catch {
    return undefined;
  }
}

/** A fresh name per load: two processes (or two loads) never share the file. */
async function temporaryName(file: string): Promise<string> {
  return `${stem(file)}-${process.pid}-${await randomSuffix(6)}`;
}

// Bumped when the compiled form changes, so that an older pipecraft's cache is not reused.
const cacheFormat = "1";

/** One name per pipeline file (and cache format), whatever it contains. */
function cachedName(file: string): string {
  return `${stem(file)}-${pathKey(`${cacheFormat}\0${file}`)}`;
}

function stem(file: string): string {
  return basename(file, extname(file)).replace(/[^\w.-]/g, "_");
}

/** `node_modules/.cache/pipecraft` of the nearest node_modules above the file, if it can be made. */
async function cacheDirectory(from: string): Promise<string | undefined> {
  for (let current = from; ; current = dirname(current)) {
    if (basename(current) !== "node_modules" && existsSync(join(current, "node_modules"))) {
      const directory = join(current, "node_modules", ".cache", "pipecraft");
      return mkdir(directory, { recursive: true }).then(
        () => directory,
        () => undefined,
      );
    }
    if (dirname(current) === current) return undefined;
  }
}

/** A folder of this process's own in the OS temporary folder (never a shared cache). */
async function temporaryDirectory(): Promise<string> {
  const { tmpdir } = await import("node:os"); // rarely needed: loaded then, not at start-up
  return mkdtemp(join(tmpdir(), "pipecraft-"));
}

/** Writes a file whole: a temporary file renamed over it, so a reader sees the old or the new. */
async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}-${await randomSuffix(4)}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path).catch(async (error: unknown) => {
    await unlink(temporary).catch(() => undefined);
    throw error;
  });
}

/**
 * What a compiled module was made from: each file's size, modification time and inode (or
 * absence), and where each imported package's folder in node_modules leads (a reinstall moves it).
 */
type Fingerprint = Record<string, string>;

// A fingerprint key for a package folder (`node_modules/x`), whose state is its real path.
const packagePrefix = "package:";

async function fingerprint(
  locals: readonly string[],
  externals: readonly string[],
  packages: readonly string[],
): Promise<Fingerprint> {
  const files = new Set([...locals, ...externals]);
  // What decides how local files compile and resolve: package.json (type, imports) and
  // tsconfig.json (paths, jsx, decorators) in every folder above them.
  for (const local of locals) {
    for (let current = dirname(local); ; current = dirname(current)) {
      files.add(join(current, "package.json"));
      files.add(join(current, "tsconfig.json"));
      if (dirname(current) === current) break;
    }
  }
  const keys = [...files, ...packages.map((folder) => packagePrefix + folder)].sort();
  const entries = await Promise.all(keys.map(async (key) => [key, await state(key)] as const));
  return Object.fromEntries(entries);
}

async function state(key: string): Promise<string> {
  if (key.startsWith(packagePrefix)) {
    return realpath(key.slice(packagePrefix.length)).catch(() => "absent");
  }
  const stats = await stat(key, { bigint: true }).catch(() => undefined);
  return stats === undefined ? "absent" : `${stats.size}:${stats.mtimeNs}:${stats.ino}`;
}

/** True when the manifest exists and every file it lists is as it was. */
async function isUpToDate(manifest: string): Promise<boolean> {
  let recorded: unknown;
  try {
    recorded = JSON.parse(await readFile(manifest, "utf8"));
  } catch {
    return false;
  }
  if (typeof recorded !== "object" || recorded === null) return false;
  const entries = Object.entries(recorded);
  const states = await Promise.all(entries.map(([key]) => state(key)));
  return entries.length > 0 && entries.every(([, state], index) => state === states[index]);
}

// Extensions of local files compiled into the module; a local import of any other kind (JSON,
// .cjs/.cts) is left to tsx.
const localLoaders: Readonly<Record<string, EsbuildApi.Loader>> = {
  ".ts": "ts",
  ".mts": "ts",
  ".tsx": "tsx",
  ".js": "js",
  ".mjs": "js",
  ".jsx": "jsx",
};

// `import(` followed by anything but a string literal: a path computed at run time, which would be
// resolved from the compiled file's folder, not the source's.
const computedImport = /\bimport\s*\(\s*(?!["'])/;

const asEsbuildResolved = { pipecraft: "resolving" };

/**
 * The plugin that keeps packages external (by file URL, resolved from the importing file) and
 * compiles local files with their own `import.meta`; what it cannot compile faithfully it adds to
 * `unsupported`, the packages' files to `externals` and their folders to `packages`.
 */
function localFilesOnly(
  unsupported: string[],
  externals: Set<string>,
  packages: Set<string>,
): EsbuildApi.Plugin {
  return {
    name: "pipecraft-local-files",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === "entry-point" || args.pluginData === asEsbuildResolved) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: asEsbuildResolved,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (resolved.external) return { path: resolved.path, external: true };
        const folder = packageFolder(args.path, args.resolveDir);
        if (folder !== undefined) packages.add(folder);
        if (folder !== undefined || inNodeModules(resolved.path)) {
          externals.add(resolved.path);
          return { path: pathToFileURL(resolved.path).href, external: true };
        }
        return { path: resolved.path };
      });
      build.onLoad({ filter: /.*/ }, async (args) => {
        const loader = localLoaders[extname(args.path)];
        if (loader === undefined || (await moduleFormat(args.path)) !== "module") {
          unsupported.push(args.path);
          return { contents: "", loader: "js" };
        }
        const text = await readFile(args.path, "utf8");
        if (computedImport.test(text)) unsupported.push(args.path);
        return { contents: withOwnImportMeta(text, args.path), loader };
      });
    },
  };
}

/**
 * The folder in node_modules of the package a bare specifier (`pipecraft`, `@scope/x/sub`) names,
 * looked up from `from` as Node does; undefined for any other specifier or a name not installed.
 */
function packageFolder(specifier: string, from: string): string | undefined {
  if (specifier.startsWith(".") || isAbsolute(specifier) || specifier.startsWith("#")) {
    return undefined;
  }
  const parts = specifier.split("/");
  const name = (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
  for (let current = from; ; current = dirname(current)) {
    const folder = join(current, "node_modules", name);
    if (existsSync(folder)) return folder;
    if (dirname(current) === current) return undefined;
  }
}

function inNodeModules(path: string): boolean {
  return path.split(sep).includes("node_modules");
}

/**
 * The file's text with `import.meta` read from a function declared at its end (hoisted, so usable
 * anywhere; on the last line, so no line moves): bundled, `import.meta` would be the compiled
 * file's. Columns after it on the same line shift; stack traces still map to the right line.
 */
function withOwnImportMeta(text: string, path: string): string {
  if (!text.includes("import.meta")) return text;
  const url = pathToFileURL(path).href;
  const meta = [
    `url: ${JSON.stringify(url)}`,
    `filename: ${JSON.stringify(path)}`,
    `dirname: ${JSON.stringify(dirname(path))}`,
    // Relative specifiers from the source file; packages as the compiled file finds them (from
    // the same node_modules).
    `resolve: (specifier) => /^\\.{0,2}\\//.test(specifier) ? new URL(specifier, ${JSON.stringify(url)}).href : import.meta.resolve(specifier)`,
  ].join(", ");
  return `${text.replace(/\bimport\.meta\b/g, "__pipecraftImportMeta()")}
;function __pipecraftImportMeta() { return (__pipecraftImportMeta.meta ??= { ${meta} }); }
`;
}
