import { existsSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname, join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { describeFoundValue, isPipelineDefinition, type PipelineDefinition } from "@pipecraft/core";
import { PipelineFileError } from "../user-error.js";
import { compilePipelineModule } from "./compile-pipeline-module.js";
import { describeLoadError } from "./describe-load-error.js";
import { type ModuleFormat, moduleFormat } from "./module-format.js";
import { nativeImport } from "./native-import.js";
import type { AppFile } from "./resolve-app-file.js";

/**
 * Runs the user's pipeline file in this process through tsx (its ES module hooks for ES modules,
 * its CommonJS API for CommonJS files) and returns the pipeline it exports. Throws
 * PipelineFileError, located at the user's source, when the file fails to compile or run or
 * exports something else.
 *
 * With `files` (`synth --watch`), the local files the pipeline file imports (by path, not as a
 * package) are evaluated afresh too, and added to `files` with the pipeline file itself, also when
 * loading fails: the files to watch.
 */
export async function loadPipelineFile(
  app: AppFile,
  cwd: string,
  debug: boolean,
  files?: Set<string>,
): Promise<PipelineDefinition> {
  const format = await moduleFormat(app.path);
  let exported: Exported;
  try {
    exported = await runFile(app.path, format, files);
  } catch (thrown) {
    throw new PipelineFileError(describeLoadError(thrown, app.display, cwd, debug));
  }
  if (exported.kind === "missing") {
    const [named, ...others] = exported.pipelines;
    throw new PipelineFileError(
      named !== undefined && others.length === 0
        ? `${app.display} has no default export, but exports the pipeline ${named}; add export default ${named}`
        : format === "module"
          ? `${app.display} has no default export; export default pipeline({...})`
          : `${app.display} does not set module.exports; module.exports = pipeline({...})`,
    );
  }
  if (!isPipelineDefinition(exported.value)) {
    const what = exported.kind === "default" ? "the default export" : "module.exports";
    const fix =
      exported.kind === "default"
        ? "export default pipeline({...})"
        : "module.exports = pipeline({...})";
    throw new PipelineFileError(
      `${app.display}: ${what} is not a pipeline (found ${describeFoundValue(exported.value)}); ${fix}`,
    );
  }
  return exported.value;
}

/**
 * What the file exported: a default export, a plain `module.exports`, or nothing (with the names
 * of the pipelines it exports by name instead, for the fix).
 */
type Exported =
  | { kind: "default"; value: unknown }
  | { kind: "module.exports"; value: unknown }
  | { kind: "missing"; pipelines: readonly string[] };

/** No default export: the names under which `namespace` exports a pipeline. */
function missing(namespace: unknown): Exported {
  const pipelines = isObject(namespace)
    ? Object.keys(namespace).filter((name) => isPipelineDefinition(namespace[name]))
    : [];
  return { kind: "missing", pipelines };
}

async function runFile(
  file: string,
  format: ModuleFormat,
  files: Set<string> | undefined,
): Promise<Exported> {
  files?.add(file);
  // tsx is imported only here: `--help` and usage errors should not pay for loading it.
  if (format === "module") {
    // Watch mode loads afresh through tsx's hooks; otherwise the compiled fast path first.
    const namespace: unknown =
      files === undefined
        ? ((await importCompiled(file)) ?? (await importTypeScript(file)))
        : await importFresh(file, files);
    return hasDefault(namespace)
      ? { kind: "default", value: namespace.default }
      : missing(namespace);
  }
  const exports: unknown =
    files === undefined ? await requireTypeScript(file) : await requireFresh(file, files);
  // `export default` in a CommonJS-scoped .ts file compiles to `exports.default` + `__esModule`.
  if (isObject(exports) && exports.__esModule === true) {
    return hasDefault(exports) ? { kind: "default", value: exports.default } : missing(exports);
  }
  if (isObject(exports) && Object.keys(exports).length === 0) {
    return missing(exports);
  }
  return { kind: "module.exports", value: exports };
}

let loads = 0;

/**
 * Imports an ES module file compiled by esbuild (compilePipelineModule): much faster to start
 * than tsx's hooks. Undefined, with nothing run, when the file needs tsx.
 */
async function importCompiled(file: string): Promise<object | undefined> {
  const compiled = await compilePipelineModule(file);
  if (compiled === undefined) return undefined;
  // Stack traces of the user's code are mapped to the .ts lines through the inline source map.
  process.setSourceMapsEnabled(true);
  loads += 1;
  try {
    const namespace = await nativeImport(
      `${pathToFileURL(compiled.file).href}?pipecraft-load=${loads}`,
    );
    return typeof namespace === "object" && namespace !== null ? namespace : {};
  } finally {
    await compiled.done();
  }
}

let esmHooks: Promise<void> | undefined;

/**
 * Imports an ES module file through tsx's hooks, registered once per process. Unlike tsImport,
 * whose namespace makes a second copy of every module the file imports (pipecraft, zod: ~200
 * modules through the off-thread hooks, ~0.5 s), the global hooks let the user's
 * `import "pipecraft"` share the modules this process has already loaded.
 */
async function importTypeScript(file: string): Promise<unknown> {
  esmHooks ??= import("tsx/esm/api").then(({ register }) => {
    register();
  });
  await esmHooks;
  // A fresh query per load: a process that loads a changed file again (tests, a future watch
  // mode) gets the new module, not the cached one. Files it imports stay cached.
  loads += 1;
  return nativeImport(`${pathToFileURL(file).href}?pipecraft-load=${loads}`);
}

/**
 * importTypeScript, with the local files the pipeline file imports evaluated afresh (the hooks of
 * fresh-modules-hooks give them the load's query too) and collected into `files`.
 */
async function importFresh(file: string, files: Set<string>): Promise<unknown> {
  esmHooks ??= import("tsx/esm/api").then(({ register }) => {
    register();
  });
  await esmHooks;
  const { registerFreshLocalModules, collectLocalModules } = await import(
    "./fresh-local-modules.js"
  );
  await registerFreshLocalModules();
  return collectLocalModules(files, () => importTypeScript(file));
}

let cjsHooks: Promise<void> | undefined;

/**
 * Requires a CommonJS file through tsx's CommonJS hooks, registered once per process. The user's
 * `require("pipecraft")` is loaded natively first (Node's require of an ES module): once the
 * hooks are in, tsx would compile pipecraft and zod from ESM to CommonJS, a second copy of ~270
 * modules (~0.5 s); loaded before, it is in the require cache and shared.
 */
async function requireTypeScript(file: string, via?: Module): Promise<unknown> {
  const requireFromFile = createRequire(file);
  if (cjsHooks === undefined) {
    try {
      requireFromFile(requireFromFile.resolve("pipecraft"));
    } catch {
      // Not installed where the file is, or not loadable natively: the user's require, under
      // tsx, reports it or copes.
    }
    cjsHooks = import("tsx/cjs/api").then(({ register }) => {
      register();
    });
  }
  await cjsHooks;
  // Dropped from the cache so that a process loading a changed file again gets the new one
  // (files it requires stay cached).
  delete requireFromFile.cache[file];
  return via === undefined ? requireFromFile(file) : via.require(file);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function hasDefault(value: unknown): value is { default: unknown } {
  return isObject(value) && "default" in value;
}

/** Local modules requireFresh loaded last time: dropped from the cache before the next load. */
const freshCommonJs = new Set<string>();

/**
 * requireTypeScript, with the local files the pipeline file required last time dropped from the
 * require cache first, and the ones it requires now collected into `files`: those below it that
 * are in no node_modules and belong to its package (the nearest package.json is the same).
 */
async function requireFresh(file: string, files: Set<string>): Promise<unknown> {
  const requireFromFile = createRequire(file);
  for (const path of freshCommonJs) delete requireFromFile.cache[path];
  freshCommonJs.clear();
  // Required through a module of our own, whose children are the modules the load reached (a
  // module that fails is taken out of its parent's children: then the error names the files).
  const root = new Module(file);
  root.filename = file;
  const home = packageDirectory(file);
  const isLocal = (path: string): boolean =>
    !path.includes(`${sep}node_modules${sep}`) && packageDirectory(path) === home;
  try {
    return await requireTypeScript(file, root);
  } catch (error) {
    // The files the error names (where the syntax error or the throw is) are the ones the fix
    // will be saved in.
    const text = error instanceof Error ? `${error.message}\n${error.stack}` : "";
    for (const [path] of text.matchAll(/\/[^\s:()'"]+\.[cm]?[jt]sx?\b/g)) {
      if (isLocal(path) && existsSync(path)) files.add(path);
    }
    throw error;
  } finally {
    const walk = (module: Module): void => {
      for (const child of module.children) {
        if (isLocal(child.filename) && !freshCommonJs.has(child.filename)) {
          freshCommonJs.add(child.filename);
          files.add(child.filename);
          walk(child);
        }
      }
    };
    walk(root);
  }
}

/** The directory of the nearest package.json at or above the file (the root when there is none). */
function packageDirectory(file: string): string {
  for (let current = dirname(file); ; current = dirname(current)) {
    if (existsSync(join(current, "package.json")) || dirname(current) === current) return current;
  }
}
