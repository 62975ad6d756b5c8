// The user's pipeline file runs inside our process, so while it loads (and while its objects are
// validated and synthesized: getters run then) it must not be able to break the CLI's contract:
// its prints would land in `--stdout` YAML or a `--check` diff, `process.exit(0)` would pass a
// check that never ran, and a promise that never settles would end the process with code 13 and
// no message. This guard is the one place that watches for all of these.
import { format } from "node:util";
import type { OutputStream } from "../cli-io.js";
import { PipelineFileError, UsageError } from "../user-error.js";
import { describeLoadError, userLocation } from "./describe-load-error.js";
import type { AppFile } from "./resolve-app-file.js";

/** What the guard needs: the file (for messages), where its prints go, and the optional time limit. */
export interface GuardOptions {
  app: AppFile;
  cwd: string;
  debug: boolean;
  stderr: OutputStream;
  /** `--timeout` in milliseconds and as the user wrote it, e.g. `{ ms: 30000, text: "30s" }`. */
  timeout: { ms: number; text: string } | undefined;
}

// Thrown out of the replaced process.exit so that the code after the call does not run, as it
// would not after a real exit; the guard has already reported the call by then.
class ExitCalled extends Error {}

/**
 * Runs `work` (loading the pipeline file and everything that evaluates its objects) with the
 * process guarded: `process.stdout` and `console.log/info/debug` go to `stderr`, `process.exit`,
 * an uncaught exception, an unhandled rejection, an event loop left with nothing to do, and the
 * `--timeout` each end the work with a PipelineFileError naming the file. Everything is restored
 * afterwards.
 */
export async function guardPipelineCode<T>(
  options: GuardOptions,
  work: () => Promise<T>,
): Promise<T> {
  const { app, cwd, debug, stderr } = options;
  let fail: (message: string) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = (message) => reject(new PipelineFileError(message));
  });

  const saved = {
    write: process.stdout.write,
    log: console.log,
    info: console.info,
    debug: console.debug,
    exit: process.exit,
  };
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stderr.write(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const callback = rest.find((argument) => typeof argument === "function");
    if (callback !== undefined) queueMicrotask(() => (callback as () => void)());
    return true;
  }) as typeof process.stdout.write;
  const print = (...args: unknown[]): void => {
    stderr.write(`${format(...args)}\n`);
  };
  console.log = print;
  console.info = print;
  console.debug = print;
  process.exit = ((code?: number | string | null) => {
    const where = userLocation(new Error(), cwd) ?? app.display;
    fail(
      `${where}: the pipeline file called process.exit(${code ?? ""}) while pipecraft was loading it; export the pipeline instead of ending the process`,
    );
    throw new ExitCalled();
  }) as typeof process.exit;

  const onError = (thrown: unknown): void => {
    if (thrown instanceof ExitCalled) return;
    fail(describeLoadError(thrown, app.display, cwd, debug));
  };
  // Emitted when the event loop is empty: nothing the file awaits can settle any more.
  const onIdle = (): void => {
    fail(`${app.display}: loading never finished: it awaits a promise that nothing will settle`);
  };
  process.on("uncaughtException", onError);
  process.on("unhandledRejection", onError);
  process.on("beforeExit", onIdle);
  const timer =
    options.timeout === undefined
      ? undefined
      : setTimeout(() => {
          fail(
            `${app.display}: loading did not finish within ${options.timeout?.text} (--timeout)`,
          );
        }, options.timeout.ms);
  // Not a reason to keep the process alive: the file's own timers and sockets decide that.
  timer?.unref();

  const running = work();
  // Whichever loses the race is settled later with nobody listening; that is expected.
  running.catch(() => undefined);
  failed.catch(() => undefined);
  try {
    return await Promise.race([running, failed]);
  } finally {
    clearTimeout(timer);
    process.off("uncaughtException", onError);
    process.off("unhandledRejection", onError);
    process.off("beforeExit", onIdle);
    process.stdout.write = saved.write;
    console.log = saved.log;
    console.info = saved.info;
    console.debug = saved.debug;
    process.exit = saved.exit;
  }
}

/**
 * The value of `--timeout`: `500ms`, `30s`, `2m`, or a number of seconds; undefined when not
 * given. Anything else, or zero, is a usage error.
 */
export function parseLoadTimeout(
  value: string | undefined,
  command: string,
): GuardOptions["timeout"] {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value);
  const unit = { ms: 1, s: 1000, m: 60_000 }[(match?.[2] ?? "s") as "ms" | "s" | "m"];
  const ms = match === null ? Number.NaN : Number(match[1]) * unit;
  if (!(ms >= 1 && ms <= 2_147_483_647)) {
    throw new UsageError(
      `--timeout "${value}" is not a duration; write e.g. 30s, 500ms or 2m`,
      command,
    );
  }
  return { ms, text: match?.[2] === undefined ? `${value}s` : value };
}
