import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { constants, Script } from "node:vm";
import { describeFoundValue, isPipelineDefinition, type PipelineDefinition } from "@pipecraft/core";
import { PipelineFileError } from "../user-error.js";
import { compilePipelineModule } from "./compile-pipeline-module.js";
import { describeLoadError } from "./describe-load-error.js";
import { type ModuleFormat, moduleFormat } from "./module-format.js";
import type { AppFile } from "./resolve-app-file.js";

/**
 * Runs the user's pipeline file in this process through tsx (its ES module hooks for ES modules,
 * its CommonJS API for CommonJS files) and returns the pipeline it exports. Throws
 * PipelineFileError, located at the user's source, when the file fails to compile or run or
 * exports something else.
 */
export async function loadPipelineFile(
  app: AppFile,
  cwd: string,
  debug: boolean,
): Promise<PipelineDefinition> {
  const format = await moduleFormat(app.path);
  let exported: Exported;
  try {
    exported = await runFile(app.path, format);
  } catch (thrown) {
    throw new PipelineFileError(describeLoadError(thrown, app.display, cwd, debug));
  }
  if (exported.kind === "missing") {
    throw new PipelineFileError(
      format === "module"
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

/** What the file exported: a default export, a plain `module.exports`, or nothing. */
type Exported =
  | { kind: "default"; value: unknown }
  | { kind: "module.exports"; value: unknown }
  | { kind: "missing" };

async function runFile(file: string, format: ModuleFormat): Promise<Exported> {
  // tsx is imported only here: `--help` and usage errors should not pay for loading it.
  if (format === "module") {
    const namespace: unknown = (await importCompiled(file)) ?? (await importTypeScript(file));
    return hasDefault(namespace)
      ? { kind: "default", value: namespace.default }
      : { kind: "missing" };
  }
  const exports: unknown = await requireTypeScript(file);
  // `export default` in a CommonJS-scoped .ts file compiles to `exports.default` + `__esModule`.
  if (isObject(exports) && exports.__esModule === true) {
    return hasDefault(exports) ? { kind: "default", value: exports.default } : { kind: "missing" };
  }
  if (isObject(exports) && Object.keys(exports).length === 0) {
    return { kind: "missing" };
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

let cjsHooks: Promise<void> | undefined;

/**
 * Requires a CommonJS file through tsx's CommonJS hooks, registered once per process. The user's
 * `require("pipecraft")` is loaded natively first (Node's require of an ES module): once the
 * hooks are in, tsx would compile pipecraft and zod from ESM to CommonJS, a second copy of ~270
 * modules (~0.5 s); loaded before, it is in the require cache and shared.
 */
async function requireTypeScript(file: string): Promise<unknown> {
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
  return requireFromFile(file);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function hasDefault(value: unknown): value is { default: unknown } {
  return isObject(value) && "default" in value;
}

type Importer = (specifier: string) => Promise<unknown>;

// Code built with the Function constructor is not rewritten by a host that transforms modules,
// so its `import()` is Node's own.
const functionImport = new Function("specifier", "return import(specifier)") as Importer;
let scriptImport: Importer | undefined;

/**
 * `import()` performed by Node's own ES module loader, whatever the host does to this file.
 *
 * Test runners rewrite the `import()` calls of the code they run (vitest sends them through
 * Vite), which would compile the user's pipeline file with Vite instead of tsx and bypass the
 * tsx hooks. Where even Function code has no import callback (vitest again), a script compiled
 * with vm's USE_MAIN_CONTEXT_DEFAULT_LOADER does it; only then, as Node 20 calls that
 * experimental and warns about it.
 */
async function nativeImport(specifier: string): Promise<unknown> {
  if (scriptImport === undefined) {
    try {
      return await functionImport(specifier);
    } catch (error) {
      if (!(error instanceof Error && "code" in error)) {
        throw error;
      }
      if (error.code !== "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING") {
        throw error;
      }
      scriptImport = new Script("(specifier) => import(specifier)", {
        importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      }).runInThisContext() as Importer;
    }
  }
  return scriptImport(specifier);
}
