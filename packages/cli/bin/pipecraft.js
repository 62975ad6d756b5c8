#!/usr/bin/env node
// The `pipecraft` binary: the only place that touches the real process. Everything else is
// in main(), which takes its input and output as arguments.
import { main } from "../dist/main.js";

// A reader that stops early (`pipecraft synth --stdout | head`) is not an error of ours; the
// exit code still says what the command found.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") {
    throw error;
  }
});

// The pipeline file runs in this process. Should it end the process before main() is done (a
// timer calling process.exit after loading), the command did not do its work: say so, exit 1.
let finished = false;
process.on("exit", () => {
  if (!finished) {
    process.stderr.write(
      "pipecraft: the pipeline file ended the process before pipecraft finished\n",
    );
    process.exitCode = 1;
  }
});

// `pipecraft run` asks for Ctrl-C and SIGTERM: the first one cancels the run (which then
// exits 130), a second one exits at once. Other commands keep Node's default (exit at once).
function onInterrupt(handler) {
  let seen = 0;
  const listener = () => {
    seen++;
    if (seen > 1) {
      finished = true; // ended by the user, not by the pipeline file
      process.exit(130);
    }
    handler();
  };
  process.on("SIGINT", listener);
  process.on("SIGTERM", listener);
  return () => {
    process.off("SIGINT", listener);
    process.off("SIGTERM", listener);
  };
}

// main() reports every error of the user's (usage, pipeline file, cluster) itself; what escapes
// it is pipecraft's own failure, which must not be blamed on the pipeline file.
let code;
try {
  code = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onInterrupt,
  });
} catch (error) {
  process.stderr.write(
    `pipecraft: internal error (a bug in pipecraft, not in your files; please report it with this trace): ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  code = 1;
}
finished = true;

// A timer or socket the pipeline file left open would keep the process alive forever, so exit
// explicitly, but only once both streams have handed everything written to the OS: a pipe that
// is slow to read must still get the whole YAML. A write's callback runs after every earlier one.
await Promise.all([process.stdout, process.stderr].map(flushed));
process.exit(code);

function flushed(stream) {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write("", () => resolve());
  });
}
