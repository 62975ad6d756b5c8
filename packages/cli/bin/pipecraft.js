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

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
