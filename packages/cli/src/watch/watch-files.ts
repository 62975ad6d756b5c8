import { type FSWatcher, watch } from "node:fs";
import { dirname, join } from "node:path";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { displayPath } from "../load/resolve-app-file.js";
import { PipelineFileError } from "../user-error.js";

/** How long a burst of saves must be quiet before the next build: one build per burst. */
const debounceMs = 100;

/**
 * `synth --watch`: runs `build` now and again whenever one of the files it loaded changes, until
 * Ctrl-C or SIGTERM (then, once a running build has finished, it returns 0). `build` collects the
 * files it loaded into the set it is given; after a failed build the files of the last good one
 * stay watched too, so that fixing either brings the next build. A broken pipeline file (its
 * PipelineFileError) is reported and the watch goes on.
 *
 * The files' directories are watched, not the files, so that an editor that saves by writing a
 * new file and renaming it over the old one is seen too; events for other names are ignored.
 */
export async function watchFiles(
  io: CliIo,
  appDisplay: string,
  build: (files: Set<string>) => Promise<ExitCode>,
): Promise<ExitCode> {
  let watched = new Set<string>();
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let finish: (code: ExitCode) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<ExitCode>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });

  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(start, debounceMs);
  };

  const watchDirectory = (directory: string): void => {
    try {
      const watcher = watch(directory, (_event, name) => {
        if (name !== null && watched.has(join(directory, name))) schedule();
      });
      // A directory removed under the watch: nothing more to hear from it.
      watcher.on("error", () => watcher.close());
      watchers.set(directory, watcher);
    } catch {
      // Gone already; a later build that finds the file again watches it.
    }
  };

  const update = (files: Set<string>, ok: boolean): void => {
    if (stopped) return;
    const next = ok ? files : new Set([...watched, ...files]);
    const directories = new Set([...next].map((file) => dirname(file)));
    for (const [directory, watcher] of watchers) {
      if (!directories.has(directory)) {
        watcher.close();
        watchers.delete(directory);
      }
    }
    for (const directory of directories) {
      if (!watchers.has(directory)) watchDirectory(directory);
    }
    const changed = next.size !== watched.size || [...next].some((file) => !watched.has(file));
    watched = next;
    if (changed) io.stderr.write(`${watching(next)}; Ctrl-C stops\n`);
  };

  const rebuild = async (): Promise<void> => {
    const files = new Set<string>();
    let code: ExitCode;
    try {
      code = await build(files);
    } catch (error) {
      if (!(error instanceof PipelineFileError)) throw error;
      io.stderr.write(`${error.message}\n`);
      code = ExitCode.failure;
    }
    update(files, code === ExitCode.ok);
  };

  function start(): void {
    if (running !== undefined) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await rebuild();
      } while (again && !stopped);
    })()
      .catch(fail)
      .finally(() => {
        running = undefined;
      });
  }

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    // A build under way finishes first: its output is written whole (atomically) or not at all.
    void (running ?? Promise.resolve()).then(() => finish(ExitCode.ok));
  };
  const unsubscribe = io.onInterrupt?.(stop);

  function watching(files: Set<string>): string {
    const others = [...files]
      .map((file) => displayPath(file, io.cwd))
      .filter((f) => f !== appDisplay)
      .sort();
    if (others.length === 0) return `watching ${appDisplay}`;
    const names = others.length <= 3 ? ` (${others.join(", ")})` : "";
    return `watching ${appDisplay} and ${others.length} imported file${others.length === 1 ? "" : "s"}${names}`;
  }

  start();
  try {
    return await done;
  } finally {
    unsubscribe?.();
    stop();
  }
}
