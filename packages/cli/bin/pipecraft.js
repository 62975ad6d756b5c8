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

// `pipecraft run` asks for Ctrl-C and SIGTERM: the first one cancels the run (which then
// exits 130), a second one exits at once. Other commands keep Node's default (exit at once).
function onInterrupt(handler) {
  let seen = 0;
  const listener = () => {
    seen++;
    if (seen > 1) process.exit(130);
    handler();
  };
  process.on("SIGINT", listener);
  process.on("SIGTERM", listener);
  return () => {
    process.off("SIGINT", listener);
    process.off("SIGTERM", listener);
  };
}

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  onInterrupt,
});
