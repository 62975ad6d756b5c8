// Module hooks (they run on Node's hooks thread) for `synth --watch`: every load of the pipeline
// file imports it with a new `?pipecraft-load=N` query, and these hooks give each local module it
// imports (by a relative or absolute path, not a package name) the same query, so that the local
// files are evaluated afresh while packages (pipecraft, zod) stay loaded once. Each such file is
// reported on the port, as the list of files to watch.
import { fileURLToPath } from "node:url";
import type { MessagePort } from "node:worker_threads";

/** The specifier prefix the main thread imports after a load: its answer follows every file reported. */
export const flushPrefix = "pipecraft-flush:";

/** What the hooks post: a local file a load imported, or that a flush was reached. */
export type HookMessage = { file: string } | { flushed: string };

type ResolveContext = { parentURL?: string | undefined };
type ResolveResult = { url: string; format?: string | null | undefined; shortCircuit?: boolean };
type NextResolve = (specifier: string, context: ResolveContext) => Promise<ResolveResult>;

let port: MessagePort | undefined;

/** Receives the port the main thread listens on. */
export function initialize(data: { port: MessagePort }): void {
  port = data.port;
}

/** Carries the importer's load number over to the local files it imports, and reports them. */
export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: NextResolve,
): Promise<ResolveResult> {
  if (specifier.startsWith(flushPrefix)) {
    post({ flushed: specifier.slice(flushPrefix.length) });
    return { url: `data:text/javascript,//${encodeURIComponent(specifier)}`, shortCircuit: true };
  }
  const resolved = await nextResolve(specifier, context);
  const load = loadNumber(context.parentURL);
  if (load === undefined || !isPathSpecifier(specifier)) return resolved;
  const url = new URL(resolved.url);
  if (url.protocol !== "file:" || url.pathname.includes("/node_modules/")) return resolved;
  url.search = "";
  post({ file: fileURLToPath(url) });
  url.searchParams.set("pipecraft-load", load);
  return { ...resolved, url: url.href };
}

function post(message: HookMessage): void {
  port?.postMessage(message);
}

function loadNumber(parentURL: string | undefined): string | undefined {
  if (parentURL === undefined || !parentURL.startsWith("file:")) return undefined;
  return new URL(parentURL).searchParams.get("pipecraft-load") ?? undefined;
}

/** `./x`, `../x`, `/abs/x` or `file:…`: a file of the project, not a package. */
function isPathSpecifier(specifier: string): boolean {
  return /^(?:\.{1,2}\/|\/|file:)/.test(specifier);
}
