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
export async function nativeImport(specifier: string): Promise<unknown> {
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
      // node:vm is loaded only here (the CLI itself never comes this way).
      const { constants, Script } = await import("node:vm");
      scriptImport = new Script("(specifier) => import(specifier)", {
        importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      }).runInThisContext() as Importer;
    }
  }
  return scriptImport(specifier);
}
