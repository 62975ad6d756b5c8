import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";
import { flushPrefix, type HookMessage } from "./fresh-modules-hooks.js";
import { nativeImport } from "./native-import.js";

let registered: Promise<void> | undefined;
let collecting: Set<string> | undefined;
const flushes = new Map<string, () => void>();
let flushCount = 0;

/**
 * Registers the hooks of fresh-modules-hooks (once per process, after tsx's, so that they see
 * tsx's resolved URLs): from then on, the local files a load imports are evaluated afresh.
 */
export function registerFreshLocalModules(): Promise<void> {
  registered ??= (async () => {
    const { port1, port2 } = new MessageChannel();
    port1.on("message", (message: HookMessage) => {
      if ("file" in message) collecting?.add(message.file);
      else flushes.get(message.flushed)?.();
    });
    // The port must not keep the process alive: the watch's file watchers do that.
    port1.unref();
    register(new URL("./fresh-modules-hooks.js", import.meta.url), {
      data: { port: port2 },
      transferList: [port2],
    });
  })();
  return registered;
}

/**
 * Runs `load` (one import of the pipeline file) and adds every local file the hooks saw it import
 * to `files`, whether it succeeded or failed (a syntax error in an imported file still reports
 * that file). Messages on one port arrive in order, so once the flush marker answers, every file
 * reported before it is in.
 */
export async function collectLocalModules<T>(
  files: Set<string>,
  load: () => Promise<T>,
): Promise<T> {
  collecting = files;
  try {
    return await load();
  } finally {
    flushCount += 1;
    const id = String(flushCount);
    const flushed = new Promise<void>((resolve) => flushes.set(id, resolve));
    await nativeImport(`${flushPrefix}${id}`);
    await flushed;
    flushes.delete(id);
    collecting = undefined;
  }
}
